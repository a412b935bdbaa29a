import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#services/dates'
import { maintenanceStats } from '#services/tickets/maintenance_stats'

const YEAR_HOURS = 365 * 24

/** One paid expense of last year's upkeep, as the page lists it (each links to its expense). */
export interface UpkeepRow {
  id: number
  spentOn: string
  description: string
  payee: string
  amount: number
  kind: 'repair' | 'support' | 'other'
  /** The repaired camera's code and whether the programme owns it (repairs only). */
  cameraCode: string | null
  connected: boolean
}

export interface UpkeepInputs {
  /** The last commune day of the year looked back on (default today). */
  asOf?: string
  /** What the commune budget covers of next year's upkeep, in đồng. */
  localBudget?: number
  /** Households asked to contribute; default the latest contribution scheme's count. */
  households?: number | null
}

/**
 * What it cost to keep the programme's cameras running over the last 365 days, and the
 * forecast for the next year, with the contribution a household would need to cover it.
 *
 * - Last year's upkeep: expenses paid in the window (not reversed) on maintenance budget
 *   lines, and the household support runs. Repairs are those linked to a ticket; repairs of
 *   cameras the programme does not own are listed apart and left out of the figures.
 * - Camera-years: the service hours of the programme's cameras that are not retired (the
 *   MTBF rule of the maintenance statistics) ÷ 8,760.
 * - Forecast repairs: N cameras next year (programme, not retired, planned included) ×
 *   8,760 h ÷ MTBF × the average paid repair; none when nothing failed.
 * - Forecast support: 12 × the monthly support of the households hosting those cameras.
 * - Forecast other upkeep: last year's other upkeep per camera-year × N.
 * - Per household: (forecast − local budget) ÷ households, rounded up to 1.000 đ.
 */
export async function upkeepForecast(inputs: UpkeepInputs = {}) {
  const asOf = DateTime.fromISO(inputs.asOf ?? DateTime.now().setZone(DISPLAY_ZONE).toISODate()!, {
    zone: DISPLAY_ZONE,
  })
  const until = asOf.plus({ days: 1 }).startOf('day')
  const from = until.minus({ days: 365 })
  const fromDay = from.toISODate()!
  const toDay = asOf.toISODate()!

  const rows = await db.rawQuery(
    `SELECT e.id, e.spent_on, e.description, e.payee, e.amount,
            coalesce(t.id, t2.id) AS ticket_id, c.code AS camera_code, c.owner_kind,
            EXISTS (SELECT 1 FROM support_payments sp WHERE sp.expense_id = e.id) AS support
       FROM expenses e
       JOIN budget_lines b ON b.id = e.budget_line_id
       LEFT JOIN maintenance_tickets t ON t.expense_id = e.id
       LEFT JOIN maintenance_tickets t2 ON t2.id = e.ticket_id
       LEFT JOIN cameras c ON c.id = coalesce(t.camera_id, t2.camera_id)
      WHERE e.kind = 'expense' AND e.status = 'paid'
        AND NOT EXISTS (SELECT 1 FROM expenses r WHERE r.reverses_id = e.id)
        AND e.spent_on BETWEEN ? AND ?
        AND (b.is_maintenance OR EXISTS (SELECT 1 FROM support_payments sp WHERE sp.expense_id = e.id))
      ORDER BY e.spent_on, e.id`,
    [fromDay, toDay]
  )
  const upkeep: UpkeepRow[] = rows.rows.map((r: Record<string, any>) => ({
    id: Number(r.id),
    spentOn: r.spent_on,
    description: r.description,
    payee: r.payee,
    amount: Number(r.amount),
    kind: r.support ? 'support' : r.ticket_id ? 'repair' : 'other',
    cameraCode: r.camera_code ?? null,
    connected: !!r.owner_kind && r.owner_kind !== 'programme',
  }))
  const own = upkeep.filter((r) => !r.connected)
  const sum = (kind: UpkeepRow['kind']) =>
    own.filter((r) => r.kind === kind).reduce((s, r) => s + r.amount, 0)
  const last = { repairs: sum('repair'), support: sum('support'), other: sum('other') }
  const lastTotal = last.repairs + last.support + last.other

  const cameras = await db
    .from('cameras as c')
    .leftJoin('households as h', 'h.id', 'c.household_id')
    .where('c.owner_kind', 'programme')
    .whereNot('c.status', 'retired')
    .orderBy('c.code')
    .select('c.id', 'c.code', 'c.name', 'c.status', 'c.household_id', 'h.monthly_support')
  // Service counts for cameras in service; a planned one only joins next year's N.
  const programmeIds = new Set(
    cameras.filter((c) => c.status !== 'planned').map((c) => c.id as number)
  )
  const stats = await maintenanceStats({ from: from.toJSDate(), to: until.toJSDate() })
  const reliability = stats.byCamera.filter((r) => programmeIds.has(r.cameraId))
  const serviceHours = reliability.reduce((s, r) => s + r.serviceHours, 0)
  const failures = reliability.reduce((s, r) => s + r.failures, 0)
  const cameraYears = serviceHours / YEAR_HOURS
  const mtbfHours = failures ? serviceHours / failures : null
  const n = cameras.length
  const averageRepair = failures ? last.repairs / failures : 0
  const expectedFailures = mtbfHours ? (n * YEAR_HOURS) / mtbfHours : 0
  const hosts = new Map<number, number>()
  for (const c of cameras) {
    if (c.household_id && c.status !== 'planned')
      hosts.set(c.household_id, Number(c.monthly_support ?? 0))
  }
  const forecast = {
    repairs: Math.round(expectedFailures * averageRepair),
    support: 12 * [...hosts.values()].reduce((s, v) => s + v, 0),
    other: cameraYears > 0 ? Math.round((last.other / cameraYears) * n) : 0,
  }
  const forecastTotal = forecast.repairs + forecast.support + forecast.other

  const scheme = await db
    .from('contribution_schemes as s')
    .orderBy('s.year', 'desc')
    .orderBy('s.id', 'desc')
    .select('s.id', 's.name', 's.year')
    .select(db.raw('(select count(*) from pledges p where p.scheme_id = s.id)::int as households'))
    .first()
  const households = inputs.households ?? scheme?.households ?? null
  const localBudget = inputs.localBudget ?? 0
  const toCover = Math.max(0, forecastTotal - localBudget)
  const perHousehold = households ? Math.ceil(toCover / households / 1000) * 1000 : null

  return {
    window: { from: fromDay, to: toDay },
    rows: upkeep,
    last: { ...last, total: lastTotal },
    connectedRepairs: upkeep.filter((r) => r.connected).reduce((s, r) => s + r.amount, 0),
    cameraYears,
    perCameraYear: cameraYears > 0 ? Math.round(lastTotal / cameraYears) : null,
    failures,
    mtbfHours,
    averageRepair: Math.round(averageRepair),
    cameras: cameras.map((c) => ({
      id: c.id as number,
      code: c.code as string,
      name: c.name as string,
      status: c.status as string,
      serviceHours: reliability.find((r) => r.cameraId === c.id)?.serviceHours ?? 0,
      failures: reliability.find((r) => r.cameraId === c.id)?.failures ?? 0,
    })),
    nextYearCameras: n,
    expectedFailures,
    forecast: { ...forecast, total: forecastTotal },
    localBudget,
    toCover,
    households,
    scheme: scheme ?? null,
    perHousehold,
  }
}

export type UpkeepForecast = Awaited<ReturnType<typeof upkeepForecast>>
