import db from '@adonisjs/lucid/services/db'
import { subtreeIds } from '#services/locations/location_tree'
import { DateTime } from 'luxon'
import { openTicket } from '#actions/tickets/ticket_workflow'
import { recordAudit, systemActor, type AuditActor } from '#services/audit'
import { DISPLAY_ZONE, todayIso } from '#services/dates'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export type IntervalUnit = 'days' | 'months'

export interface ScheduleFields {
  title: string
  description?: string | null
  cameraId?: number | null
  locationId?: number | null
  intervalCount: number
  intervalUnit: IntervalUnit
  /** The first due day, `yyyy-mm-dd`. */
  anchorOn: string
  active: boolean
}

/**
 * The k-th due day of a schedule: the anchor plus k intervals, always counted from the
 * anchor, so "monthly from 31 January" is 28 February, 31 March, 30 April (never drifting
 * to the 28th), and "every 90 days" crosses month and year ends by the calendar.
 */
export function occurrence(anchorOn: string, count: number, unit: IntervalUnit, k: number) {
  return DateTime.fromISO(anchorOn, { zone: DISPLAY_ZONE })
    .plus({ [unit]: count * k })
    .toISODate()!
}

/** The first due day strictly after `day` (or the anchor itself if it is later). */
export function nextDueAfter(
  schedule: { anchorOn: string; intervalCount: number; intervalUnit: IntervalUnit },
  day: string
) {
  if (schedule.anchorOn > day) return schedule.anchorOn
  const anchor = DateTime.fromISO(schedule.anchorOn, { zone: DISPLAY_ZONE })
  const elapsed = DateTime.fromISO(day, { zone: DISPLAY_ZONE }).diff(anchor, schedule.intervalUnit)
  // Start just below the answer and step: clamped month ends make a plain division inexact.
  let k = Math.max(0, Math.floor(elapsed.as(schedule.intervalUnit) / schedule.intervalCount) - 1)
  let due = occurrence(schedule.anchorOn, schedule.intervalCount, schedule.intervalUnit, k)
  while (due <= day) {
    k++
    due = occurrence(schedule.anchorOn, schedule.intervalCount, schedule.intervalUnit, k)
  }
  return due
}

/** Creates or changes a schedule; its next due day follows from the anchor and today. */
export async function saveSchedule(params: {
  actor: AuditActor
  scheduleId?: number
  fields: ScheduleFields
  /** The commune's today, `yyyy-mm-dd` (tests pass a day). */
  today?: string
}) {
  const f = params.fields
  return db.transaction(async (trx) => {
    const before = params.scheduleId
      ? await trx.from('maintenance_schedules').where('id', params.scheduleId).forUpdate().first()
      : null
    if (params.scheduleId && !before) throw new Error('schedule not found')
    const yesterday = DateTime.fromISO(params.today ?? todayIso())
      .minus({ days: 1 })
      .toISODate()!
    // Due today counts as due: the next run of the daily job opens it.
    const nextDue = nextDueAfter(
      { anchorOn: f.anchorOn, intervalCount: f.intervalCount, intervalUnit: f.intervalUnit },
      yesterday
    )
    const row = {
      title: f.title.trim(),
      description: f.description?.trim() || null,
      camera_id: f.cameraId ?? null,
      location_id: f.cameraId ? null : (f.locationId ?? null),
      interval_count: f.intervalCount,
      interval_unit: f.intervalUnit,
      anchor_on: f.anchorOn,
      next_due_on: nextDue,
      active: f.active,
      updated_at: new Date(),
    }
    const [saved] = params.scheduleId
      ? await trx
          .from('maintenance_schedules')
          .where('id', params.scheduleId)
          .update(row)
          .returning('*')
      : await trx
          .insertQuery()
          .table('maintenance_schedules')
          .insert({ ...row, created_by: params.actor.id, created_at: new Date() })
          .returning('*')
    await recordAudit(
      {
        actor: params.actor,
        action: params.scheduleId ? 'schedule.update' : 'schedule.create',
        entityType: 'maintenance_schedule',
        entityId: saved.id,
        before: before ? scheduleSnapshot(before) : null,
        after: scheduleSnapshot(saved),
      },
      trx
    )
    return saved
  })
}

function scheduleSnapshot(row: Record<string, any>) {
  return {
    title: row.title,
    cameraId: row.camera_id,
    locationId: row.location_id,
    every: `${row.interval_count} ${row.interval_unit}`,
    anchorOn: isoDay(row.anchor_on),
    active: row.active,
  }
}

/** A `date` column as `yyyy-mm-dd` (pg gives a Date at local midnight). */
export function isoDay(value: Date | string) {
  if (typeof value === 'string') return value.slice(0, 10)
  return DateTime.fromJSDate(value).toISODate()!
}

/** The active cameras a schedule covers: its camera, or every camera under its location. */
async function scheduleCameras(trx: TransactionClientContract, schedule: Record<string, any>) {
  if (schedule.camera_id) {
    return trx
      .from('cameras')
      .where('id', schedule.camera_id)
      .where('status', 'active')
      .select('id')
  }
  return trx
    .from('cameras')
    .whereIn('location_id', await subtreeIds(schedule.location_id, trx))
    .where('status', 'active')
    .orderBy('code')
    .select('id')
}

/**
 * The daily job: every active schedule due on or before `today` opens one preventive
 * ticket per camera it covers (none if that camera's ticket from the last round is still
 * open) and moves to its next due day after today, so a job that did not run for a while
 * opens one round, not one per missed day. Each schedule is one transaction, locked so
 * two recorder nodes never open a round twice.
 */
export async function openDuePreventiveTickets(today: string = todayIso()) {
  const result = { schedules: 0, opened: 0, skipped: 0 }
  const due = await db
    .from('maintenance_schedules')
    .where('active', true)
    .where('next_due_on', '<=', today)
    .select('id')
  for (const { id } of due) {
    await db.transaction(async (trx) => {
      const schedule = await trx
        .from('maintenance_schedules')
        .where('id', id)
        .where('active', true)
        .where('next_due_on', '<=', today)
        .forUpdate()
        .skipLocked()
        .first()
      if (!schedule) return
      const dueOn = isoDay(schedule.next_due_on)
      for (const camera of await scheduleCameras(trx, schedule)) {
        const pending = await trx
          .from('maintenance_tickets')
          .where({ schedule_id: schedule.id, camera_id: camera.id })
          .whereIn('status', ['open', 'assigned', 'in_progress'])
          .first()
        if (pending) {
          result.skipped++
          continue
        }
        await openTicket(
          {
            actor: systemActor('lịch bảo trì'),
            fields: {
              cameraId: camera.id,
              source: 'schedule',
              kind: 'preventive',
              category: 'other',
              priority: 'normal',
              title: schedule.title,
              description: schedule.description,
              scheduleId: schedule.id,
              dueOn,
            },
          },
          trx
        )
        result.opened++
      }
      const next = nextDueAfter(
        {
          anchorOn: isoDay(schedule.anchor_on),
          intervalCount: schedule.interval_count,
          intervalUnit: schedule.interval_unit,
        },
        today
      )
      await trx
        .from('maintenance_schedules')
        .where('id', schedule.id)
        .update({ next_due_on: next, updated_at: new Date() })
      result.schedules++
    })
  }
  return result
}
