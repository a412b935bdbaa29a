import { averageCoverage, COVERED_SQL, IN_SERVICE_SINCE_SQL } from '#services/footage/coverage'
import db from '@adonisjs/lucid/services/db'
import { communeDay } from '#services/dates'
import { maintenanceStats } from '#services/tickets/maintenance_stats'
import { moneyByFund } from '#services/finance/programme_money'
import {
  camerasPerLocation,
  savedReportLevel,
  type ReportLevel,
} from '#services/locations/location_tree'

export interface ReportPeriod {
  /** `yyyy-mm-dd`, both inclusive, in the commune's calendar. */
  from: string
  to: string
}

/** [start of `from`, start of the day after `to`) as instants, capped at now. */
export function periodBounds(period: ReportPeriod, now = new Date()) {
  const start = communeDay(period.from)
  const end = communeDay(period.to).plus({ days: 1 })
  return {
    start: start.toJSDate(),
    end: end.toJSDate(),
    until: new Date(Math.min(end.toMillis(), now.getTime())),
  }
}

/**
 * The figures of the committee's report, each a sum of ledger rows, as the original report
 * states them: money raised up to the end of the period (and within it), every paid
 * expense, their total, the shortfall; cameras per location at the report level; maintenance; evidence cases.
 * Nothing is invented: a section without data says so.
 */
export async function committeeFigures(period: ReportPeriod, level?: ReportLevel) {
  level ??= await savedReportLevel()
  const { start, end, until } = periodBounds(period)
  // Raised and spent come from the programme's money module (every fund, up to the period's
  // end), so the report and every page agree; the counts and the list are the report's own.
  const money = await moneyByFund({ until: period.to })
  const raised = await db
    .from('donations')
    .where('received_on', '<=', period.to)
    .select(
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
  const locations = await camerasPerLocation(level)
  // Each camera counts from the later of the period's start and its installation (or first
  // recording): a camera installed in April is not 3 months short in a year's report.
  const cameras = await db.rawQuery(
    `SELECT s.*,
            coalesce((SELECT sum(extract(epoch FROM least(r.ended_at, ?) - greatest(r.started_at, s.counts_from)))
                        FROM ${COVERED_SQL} r
                       WHERE r.camera_id = s.id AND r.started_at < ? AND r.ended_at > s.counts_from), 0) AS covered_s
       FROM (SELECT c.id, c.code, c.name, c.status, c.owner_kind, l.name AS location, h.head_name AS household,
                    -- NULL (not there yet) stays NULL: greatest() would skip it.
                    CASE WHEN svc.since IS NOT NULL THEN greatest(?::timestamptz, svc.since) END
                      AS counts_from
               FROM cameras c
               CROSS JOIN LATERAL (SELECT ${IN_SERVICE_SINCE_SQL} AS since) svc
               JOIN locations l ON l.id = c.location_id
               LEFT JOIN households h ON h.id = c.household_id
              WHERE c.status <> 'retired') s
      ORDER BY s.code`,
    [until, until, start]
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
      't.under_warranty',
      'c.owner_kind'
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
      /** Every fund: the report is the programme's as a whole. */
      raised: money.all.raised,
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
      spent: money.all.paid,
      /** Positive when spending exceeds what was raised (the report's "còn thiếu"). */
      shortfall: money.all.shortfall,
      balance: money.all.balance,
      /** Each fund apart (they add up to the figures above). */
      funds: money.funds,
    },
    locationLevel: level,
    locations,
    cameraCount: locations.reduce((s, l) => s + l.cameras, 0),
    cameras: (cameras.rows as Record<string, any>[]).map((c) => ({
      id: c.id as number,
      code: c.code as string,
      name: c.name as string,
      status: c.status as string,
      ownerKind: c.owner_kind as string,
      location: c.location as string,
      household: (c.household as string | null) ?? null,
      /** Share of the period recorded since the camera counts; null when it was not there yet. */
      coverage: coverageShare(Number(c.covered_s), c.counts_from, until),
    })),
    /** Over the cameras that were there in the period (null when none was). */
    averageCoverage: averageCoverage(
      (cameras.rows as { covered_s: number; counts_from: Date | null }[]).map((c) =>
        coverageShare(Number(c.covered_s), c.counts_from, until)
      )
    ),
    tickets,
    byOwner: byOwner(cameras.rows as { owner_kind: string }[], tickets),
    reliability: await maintenanceStats({ from: start, to: until }),
    evidence: evidence.map((e) => ({ type: e.case_type as string, cases: Number(e.n) })),
  }
}

/**
 * Programme cameras apart from connected ones (a thôn's, household's or business's): how
 * many, how many tickets and what their repairs cost, so the programme's upkeep is not
 * mixed with cameras it does not own.
 */
function byOwner(
  cameras: { owner_kind: string }[],
  tickets: { owner_kind: string; repair_cost: number | string | null }[]
) {
  const part = (connected: boolean) => {
    const mine = (o: string) => (o !== 'programme') === connected
    const own = tickets.filter((tk) => mine(tk.owner_kind))
    return {
      cameras: cameras.filter((c) => mine(c.owner_kind)).length,
      tickets: own.length,
      repairCost: own.reduce((s, tk) => s + Number(tk.repair_cost ?? 0), 0),
    }
  }
  return { programme: part(false), connected: part(true) }
}

function coverageShare(coveredSeconds: number, countsFrom: Date | null, until: Date) {
  if (countsFrom === null) return null
  const span = until.getTime() - new Date(countsFrom).getTime()
  return span > 0 ? Math.min(1, (coveredSeconds * 1000) / span) : null
}

export type CommitteeFigures = Awaited<ReturnType<typeof committeeFigures>>
