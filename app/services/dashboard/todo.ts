import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import { DateTime } from 'luxon'
import Camera from '#models/camera'
import type User from '#models/user'
import { ACTIVE_TICKET_STATUSES } from '#models/maintenance_ticket'
import { liveStatus } from '#services/cameras/live_status'
import SystemHealth, { type HealthReport } from '#services/system_health'
import FigureCache from '#services/figure_cache'
import { CERTIFICATE_WARNING_DAYS, certificateStatus } from '#services/https/tls_files'
import type { Role } from '#services/roles'
import { todayIso } from '#services/dates'

/**
 * "Việc cần làm": what waits for the person signed in, by the job their role does, each
 * item one click from the work. Words are i18n keys with values; the page translates.
 */

export interface TodoItem {
  /** A record's own words (a title, a name), or an i18n key in `textKey`. */
  text?: string
  textKey?: string
  href: string
  /** A short second line: an i18n key (with a count), an amount or a time. */
  meta?: { key?: string; count?: number; seconds?: number; money?: number; at?: Date }
  tone?: 'bad' | 'warn'
}

export interface TodoGroup {
  key: string
  count: number
  items: TodoItem[]
  /** Where the whole list is. */
  all?: string
}

export interface TodoButton {
  key: string
  href: string
  primary?: boolean
}

export interface Todo {
  buttons: TodoButton[]
  groups: TodoGroup[]
  /** The operator's "Xem lại" form: cameras to pick from. */
  playback?: { cameras: { id: number; code: string; name: string }[]; today: string }
}

const SHOWN = 5

/**
 * The to-do list for one user. `figures` and `health`, when the page already has them, are
 * not read a second time.
 */
export async function todoFor(
  user: User,
  figures?: FigureCache,
  health?: HealthReport | null
): Promise<Todo> {
  const build = BUILDERS[user.role as Role]
  return build
    ? build(user, figures ?? (await FigureCache.now()), health ?? null)
    : { buttons: [], groups: [] }
}

/**
 * Cameras not recording now, the same for every technician: kept until the register or the
 * recordings change, and at most 10 s (a camera turns offline 90 s after its last segment
 * with no write at all).
 */
function offlineCameras(figures: FigureCache) {
  return figures.get(
    'offline-cameras',
    ['cameras', 'recordings'],
    async () =>
      (await Camera.query().where('status', 'active').orderBy('code'))
        .filter((c) => liveStatus(c) === 'offline')
        .map((c) => ({
          id: c.id,
          code: c.code,
          name: c.name,
          lastRecordedAt: c.lastRecordedAt?.toJSDate() ?? null,
        })),
    { maxAgeMs: 10_000 }
  )
}

type Builder = (user: User, figures: FigureCache, health: HealthReport | null) => Promise<Todo>

const BUILDERS: Record<Role, Builder> = {
  async committee() {
    return {
      buttons: [
        { key: 'dashboard.todo.make_report', href: router.makeUrl('reports.committee_form') },
        { key: 'dashboard.todo.all_expenses', href: router.makeUrl('expenses.index') },
      ],
      groups: [await expensesIn('submitted', 'dashboard.todo.to_approve')],
    }
  },

  async treasurer() {
    const batches = await db
      .from('donation_batches')
      .where('status', 'open')
      .orderBy('id', 'desc')
      .select('id', 'label', 'expected_count')
    return {
      buttons: [
        {
          key: 'dashboard.todo.record_donation',
          href: router.makeUrl('donations.create'),
          primary: true,
        },
        { key: 'dashboard.todo.import_list', href: router.makeUrl('donation_imports.create') },
        { key: 'dashboard.todo.donor_list', href: router.makeUrl('donors.index') },
      ],
      groups: [
        await expensesIn('approved', 'dashboard.todo.to_pay'),
        {
          key: 'dashboard.todo.open_batches',
          count: batches.length,
          all: router.makeUrl('donation_batches.index'),
          items: batches.slice(0, SHOWN).map((b) => ({
            text: b.label,
            href: router.makeUrl('donation_batches.show', { id: b.id }),
            meta: { key: 'dashboard.todo.batch_meta', count: Number(b.expected_count) },
          })),
        },
      ],
    }
  },

  async technician(user, figures) {
    const tickets = await db
      .from('maintenance_tickets as t')
      .join('cameras as c', 'c.id', 't.camera_id')
      .whereIn('t.status', ACTIVE_TICKET_STATUSES)
      .where((q) => q.where('t.assignee_id', user.id).orWhereNull('t.assignee_id'))
      .orderByRaw('t.assignee_id is null, t.opened_at')
      .select('t.id', 't.title', 't.status', 't.assignee_id', 'c.code')
    const cameras = await offlineCameras(figures)
    return {
      buttons: [
        {
          key: 'dashboard.todo.ticket_board',
          href: router.makeUrl('tickets.board'),
          primary: true,
        },
        { key: 'dashboard.todo.add_camera', href: router.makeUrl('cameras.create') },
      ],
      groups: [
        {
          key: 'dashboard.todo.my_tickets',
          count: tickets.length,
          all: router.makeUrl('tickets.board'),
          items: tickets.slice(0, SHOWN).map((t) => ({
            text: `${t.code} · ${t.title}`,
            href: router.makeUrl('tickets.show', { id: t.id }),
            meta: {
              key: t.assignee_id ? `tickets.statuses.${t.status}` : 'dashboard.todo.unassigned',
            },
            tone: t.assignee_id ? undefined : 'warn',
          })),
        },
        {
          key: 'dashboard.todo.offline_cameras',
          count: cameras.length,
          all: router.makeUrl('cameras.index'),
          items: cameras.slice(0, SHOWN).map((c) => ({
            text: `${c.code} · ${c.name}`,
            href: router.makeUrl('cameras.show', { id: c.id }),
            meta: c.lastRecordedAt
              ? { key: 'dashboard.todo.last_recorded', at: c.lastRecordedAt }
              : { key: 'dashboard.todo.never_recorded' },
            tone: 'bad',
          })),
        },
      ],
    }
  },

  async operator(_user, figures) {
    const cases = await db
      .from('evidence_cases')
      .where('status', 'open')
      .orderBy('created_at', 'desc')
      .select('id', 'case_number', 'description', 'created_at')
    const exports = await db
      .from('evidence_exports as e')
      .join('evidence_cases as k', 'k.id', 'e.case_id')
      .where((q) =>
        q
          .whereIn('e.status', ['queued', 'running'])
          .orWhere((f) =>
            f
              .where('e.status', 'failed')
              .where('e.created_at', '>', DateTime.now().minus({ days: 7 }).toJSDate())
          )
      )
      .orderBy('e.id', 'desc')
      .select('e.id', 'e.status', 'e.case_id', 'k.case_number')
    // Every camera that may have footage, streaming now or not.
    const cameras = await figures.get('playback-cameras', ['cameras'], () =>
      db.from('cameras').whereNot('status', 'planned').orderBy('code').select('id', 'code', 'name')
    )
    return {
      playback: {
        cameras: cameras.map((c) => ({ id: c.id, code: c.code, name: c.name })),
        today: todayIso(),
      },
      buttons: [
        { key: 'dashboard.todo.watch_live', href: router.makeUrl('footage.live'), primary: true },
        { key: 'dashboard.todo.new_case', href: router.makeUrl('evidence.index') },
      ],
      groups: [
        {
          key: 'dashboard.todo.exports',
          count: exports.length,
          items: exports.slice(0, SHOWN).map((e) => ({
            text: e.case_number,
            href: router.makeUrl('evidence.show', { id: e.case_id }),
            meta: { key: `evidence.export_statuses.${e.status}` },
            tone: e.status === 'failed' ? 'bad' : undefined,
          })),
        },
        {
          key: 'dashboard.todo.open_cases',
          count: cases.length,
          all: router.makeUrl('evidence.index'),
          items: cases.slice(0, SHOWN).map((k) => ({
            text: `${k.case_number} · ${k.description}`,
            href: router.makeUrl('evidence.show', { id: k.id }),
            meta: { key: 'dashboard.todo.opened_on', at: k.created_at },
          })),
        },
      ],
    }
  },

  async admin(_user, _figures, known) {
    const health = known ?? (await SystemHealth.check())
    const problems: TodoItem[] = []
    const status = router.makeUrl('dashboard') + '#he-thong'
    if (!health.database.ok)
      problems.push({ textKey: 'dashboard.todo.db_down', href: status, tone: 'bad' })
    if (health.recorder.status !== 'ok') {
      problems.push({
        textKey: 'dashboard.todo.recorder_problem',
        href: status,
        tone: 'bad',
        meta: {
          key: `dashboard.recorder_${health.recorder.status}`,
          seconds: health.recorder.heartbeatAgeSeconds ?? 0,
        },
      })
    }
    const certificate = certificateStatus()
    if (certificate?.error !== undefined) {
      problems.push({ textKey: 'dashboard.todo.certificate_unreadable', href: status, tone: 'bad' })
    } else if (certificate && certificate.daysLeft < CERTIFICATE_WARNING_DAYS) {
      problems.push({
        textKey:
          certificate.daysLeft < 0
            ? 'dashboard.todo.certificate_expired'
            : 'dashboard.todo.certificate_expiring',
        href: status,
        tone: certificate.daysLeft < 7 ? 'bad' : 'warn',
        meta: { key: 'dashboard.todo.days_left', count: Math.max(0, certificate.daysLeft) },
      })
    }
    const failedExports = await db
      .from('evidence_exports')
      .where('status', 'failed')
      .where('created_at', '>', DateTime.now().minus({ days: 7 }).toJSDate())
      .select('case_id')
    for (const e of failedExports.slice(0, SHOWN)) {
      problems.push({
        textKey: 'dashboard.todo.export_failed',
        href: router.makeUrl('evidence.show', { id: e.case_id }),
        tone: 'bad',
      })
    }
    const [recoveries] = await db
      .from('edge_recoveries')
      .where('status', 'failed')
      .where('created_at', '>', DateTime.now().minus({ days: 7 }).toJSDate())
      .count('* as n')
    if (Number(recoveries.n) > 0) {
      problems.push({
        textKey: 'dashboard.todo.recoveries_failed',
        href: router.makeUrl('cameras.index'),
        tone: 'warn',
        meta: { key: 'dashboard.todo.count', count: Number(recoveries.n) },
      })
    }
    const mustChange = await db
      .from('users')
      .where('password_change_required', true)
      .whereNull('disabled_at')
      .count('* as n')
    return {
      buttons: [
        {
          key: 'dashboard.todo.new_user',
          href: router.makeUrl('admin.users.create'),
          primary: true,
        },
        { key: 'dashboard.todo.settings', href: router.makeUrl('admin.settings.edit') },
      ],
      groups: [
        { key: 'dashboard.todo.system_problems', count: problems.length, items: problems },
        {
          key: 'dashboard.todo.first_password',
          count: Number(mustChange[0].n),
          all: router.makeUrl('admin.users.index'),
          items: [],
        },
      ],
    }
  },

  async viewer() {
    return {
      buttons: [{ key: 'dashboard.todo.public_page', href: router.makeUrl('public.finance') }],
      groups: [],
    }
  },
}

/** Expenses in one status, oldest first: the committee's approvals, the treasurer's payments. */
async function expensesIn(status: 'submitted' | 'approved', key: string): Promise<TodoGroup> {
  const rows = await db
    .from('expenses')
    .where('status', status)
    .where('kind', 'expense')
    .orderBy('updated_at')
    .select('id', 'payee', 'description', 'amount')
  return {
    key,
    count: rows.length,
    all: router.makeUrl('expenses.index', {}, { qs: { status } }),
    items: rows.slice(0, SHOWN).map((e) => ({
      text: `${e.description} · ${e.payee}`,
      href: router.makeUrl('expenses.show', { id: e.id }),
      meta: { money: Number(e.amount) },
    })),
  }
}
