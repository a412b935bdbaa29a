import { COVERED_SQL } from '#services/footage/coverage'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#services/dates'
import { maintenanceStats } from '#services/tickets/maintenance_stats'

export interface ReportPeriod {
  /** `yyyy-mm-dd`, both inclusive, in the commune's calendar. */
  from: string
  to: string
}

/** [start of `from`, start of the day after `to`) as instants, capped at now. */
export function periodBounds(period: ReportPeriod, now = new Date()) {
  const start = DateTime.fromISO(period.from, { zone: DISPLAY_ZONE }).startOf('day')
  const end = DateTime.fromISO(period.to, { zone: DISPLAY_ZONE }).startOf('day').plus({ days: 1 })
  return {
    start: start.toJSDate(),
    end: end.toJSDate(),
    until: new Date(Math.min(end.toMillis(), now.getTime())),
  }
}

/**
 * The figures of the committee's report, each a sum of ledger rows, as the original report
 * states them: money raised up to the end of the period (and within it), every paid
 * expense, their total, the shortfall; cameras per location; maintenance; evidence cases.
 * Nothing is invented: a section without data says so.
 */
export async function committeeFigures(period: ReportPeriod) {
  const { start, end, until } = periodBounds(period)
  const raised = await db
    .from('donations')
    .where('received_on', '<=', period.to)
    .select(
      db.raw('coalesce(sum(amount), 0)::bigint as total'),
      db.raw('coalesce(sum(amount) filter (where received_on >= ?), 0)::bigint as in_period', [
        period.from,
      ]),
      db.raw(`count(*) filter (where kind = 'donation')::int as donations`),
      db.raw(`count(distinct donor_id) filter (where kind = 'donation')::int as donors`)
    )
    .first()
  const spending = await db
    .from('expenses as e')
    .join('budget_lines as b', 'b.id', 'e.budget_line_id')
    .where('e.status', 'paid')
    .where('e.spent_on', '<=', period.to)
    .orderBy('e.spent_on')
    .orderBy('e.id')
    .select(
      'e.id',
      'e.kind',
      'e.description',
      'e.quantity',
      'e.unit_price',
      'e.amount',
      'e.spent_on',
      'e.payee',
      'e.contract_no',
      'e.invoice_no',
      'e.voucher_no',
      'b.name as line'
    )
  const spent = spending.reduce((s, e) => s + Number(e.amount), 0)
  const raisedTotal = Number(raised.total)
  const locations = await db.rawQuery(
    `WITH RECURSIVE tree AS (
       SELECT id, id AS root FROM locations WHERE parent_id IS NULL
       UNION ALL SELECT l.id, tree.root FROM locations l JOIN tree ON l.parent_id = tree.id
     )
     SELECT r.id, r.name,
            count(c.id) FILTER (WHERE c.status <> 'retired')::int AS cameras,
            count(c.id) FILTER (WHERE c.status = 'active')::int AS active
       FROM locations r
       LEFT JOIN tree ON tree.root = r.id
       LEFT JOIN cameras c ON c.location_id = tree.id
      WHERE r.parent_id IS NULL
      GROUP BY r.id, r.name
      ORDER BY r.id`
  )
  const periodMs = Math.max(1, until.getTime() - start.getTime())
  const cameras = await db.rawQuery(
    `SELECT c.id, c.code, c.name, c.status, l.name AS location, h.head_name AS household,
            coalesce((SELECT sum(extract(epoch FROM least(r.ended_at, ?) - greatest(r.started_at, ?)))
                        FROM ${COVERED_SQL} r
                       WHERE r.camera_id = c.id AND r.started_at < ? AND r.ended_at > ?), 0) AS covered_s
       FROM cameras c
       JOIN locations l ON l.id = c.location_id
       LEFT JOIN households h ON h.id = c.household_id
      WHERE c.status <> 'retired'
      ORDER BY c.code`,
    [until, start, until, start]
  )
  const tickets = await db
    .from('maintenance_tickets as t')
    .join('cameras as c', 'c.id', 't.camera_id')
    .where('t.opened_at', '>=', start)
    .where('t.opened_at', '<', end)
    .orderBy('t.id')
    .select(
      't.id',
      'c.code',
      't.category',
      't.kind',
      't.status',
      't.title',
      't.opened_at',
      't.resolved_at',
      't.repair_cost',
      't.under_warranty'
    )
  const evidence = await db
    .from('evidence_cases')
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .groupBy('case_type')
    .select('case_type')
    .count('* as n')
  return {
    period,
    money: {
      raised: raisedTotal,
      raisedInPeriod: Number(raised.in_period),
      donations: raised.donations as number,
      donors: raised.donors as number,
      spending: spending.map((e) => ({
        id: Number(e.id),
        kind: e.kind as string,
        line: e.line as string,
        description: e.description as string,
        quantity: e.quantity as number | null,
        unitPrice: e.unit_price === null ? null : Number(e.unit_price),
        amount: Number(e.amount),
        spentOn: e.spent_on as string,
        payee: e.payee as string,
        documents: [e.contract_no, e.invoice_no, e.voucher_no].filter(Boolean).join(', '),
      })),
      spent,
      /** Positive when spending exceeds what was raised (the report's "còn thiếu"). */
      shortfall: Math.max(0, spent - raisedTotal),
      balance: raisedTotal - spent,
    },
    locations: locations.rows as { id: number; name: string; cameras: number; active: number }[],
    cameraCount: (locations.rows as { cameras: number }[]).reduce((s, l) => s + l.cameras, 0),
    cameras: (cameras.rows as Record<string, any>[]).map((c) => ({
      id: c.id as number,
      code: c.code as string,
      name: c.name as string,
      status: c.status as string,
      location: c.location as string,
      household: (c.household as string | null) ?? null,
      coverage: Math.min(1, (Number(c.covered_s) * 1000) / periodMs),
    })),
    tickets,
    reliability: await maintenanceStats({ from: start, to: until }),
    evidence: evidence.map((e) => ({ type: e.case_type as string, cases: Number(e.n) })),
  }
}

export type CommitteeFigures = Awaited<ReturnType<typeof committeeFigures>>
