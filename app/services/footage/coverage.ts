import db from '@adonisjs/lucid/services/db'
import { DISPLAY_ZONE, communeDay } from '#services/dates'

/** A calendar day in the commune, as instants [a, b); today's `b` is now. */
export interface DayBound {
  day: string
  a: number
  b: number
}

/** The commune's days from the one containing `from` up to `until` (the last one cut there). */
export function dayBounds(from: Date, until: Date): DayBound[] {
  const days: DayBound[] = []
  for (let d = communeDay(from); d.toMillis() < until.getTime(); d = d.plus({ days: 1 })) {
    const b = Math.min(d.plus({ days: 1 }).toMillis(), until.getTime())
    days.push({ day: d.toISODate()!, a: d.toMillis(), b })
  }
  return days
}

/**
 * The share (0..1) of each day covered by one camera's recording runs, given in order of
 * start: one sweep, linear in runs plus days (overlapping runs of two nodes can add up past
 * a day's length; the share is capped at 1). A camera counts from `since` (see
 * `IN_SERVICE_SINCE_SQL`): days before it are null ("chưa lắp"), the day it starts counts
 * from then, and a camera with no `since` has no coverage at all.
 */
export function dailyCoverage(
  runs: { started_at: Date; ended_at: Date }[],
  days: DayBound[],
  since: Date | null
): (number | null)[] {
  const from = since === null ? Number.POSITIVE_INFINITY : since.getTime()
  const counted = days.map((d) => ({ a: Math.max(d.a, from), b: d.b }))
  const covered = new Array<number>(days.length).fill(0)
  let first = 0
  for (const run of runs) {
    const a = run.started_at.getTime()
    const b = run.ended_at.getTime()
    while (first < days.length && days[first].b <= a) first++
    for (let k = first; k < days.length && days[k].a < b; k++) {
      covered[k] += Math.max(0, Math.min(b, counted[k].b) - Math.max(a, counted[k].a))
    }
  }
  return covered.map((c, k) => {
    const span = counted[k].b - counted[k].a
    return span > 0 ? Math.min(1, c / span) : null
  })
}

/** The average of the days that count (null when none does: not installed in the range). */
export function averageCoverage(shares: (number | null)[]): number | null {
  const counted = shares.filter((s): s is number => s !== null)
  return counted.length ? counted.reduce((a, b) => a + b, 0) / counted.length : null
}

/**
 * What counts as recorded, as a SQL relation (camera_id, started_at, ended_at): the
 * recorder's runs plus the segments fetched back from cameras' SD cards, which lie in the
 * gaps between runs, so nothing is counted twice.
 */
export const COVERED_SQL = `(SELECT camera_id, started_at, ended_at FROM recording_runs
   UNION ALL
   SELECT camera_id, started_at, ended_at FROM recording_segments
    WHERE edge_recovery_id IS NOT NULL)`

export interface CoverageInterval {
  started_at: Date
  ended_at: Date
}

/** COVERED_SQL per camera within [from, to), in order of start, for `dailyCoverage`. */
export async function coverageIntervals(
  cameraIds: number[],
  from: Date,
  to: Date
): Promise<Map<number, CoverageInterval[]>> {
  const byCamera = new Map<number, CoverageInterval[]>(cameraIds.map((id) => [id, []]))
  if (!cameraIds.length) return byCamera
  const rows = await db.rawQuery(
    `SELECT camera_id, started_at, ended_at FROM ${COVERED_SQL} covered
      WHERE camera_id = ANY(?) AND ended_at > ? AND started_at < ?
      ORDER BY camera_id, started_at`,
    [cameraIds, from, to]
  )
  for (const row of rows.rows) byCamera.get(row.camera_id)?.push(row)
  return byCamera
}

/**
 * When a camera (alias `c`) starts to count for coverage, downtime and service time, one
 * rule everywhere: the start of its installation day in the commune; else its first
 * recording (runs and footage fetched from its card); else, unless it is only planned, when
 * it was registered. NULL for a planned camera that never recorded: "chưa lắp".
 */
export const IN_SERVICE_SINCE_SQL = `coalesce(
     c.installed_on::timestamp AT TIME ZONE '${DISPLAY_ZONE}',
     (SELECT min(first.started_at) FROM ${COVERED_SQL} first WHERE first.camera_id = c.id),
     CASE WHEN c.status <> 'planned' THEN c.created_at END)`

/** `IN_SERVICE_SINCE_SQL` for these cameras. */
export async function inServiceSince(cameraIds: number[]): Promise<Map<number, Date | null>> {
  const since = new Map<number, Date | null>(cameraIds.map((id) => [id, null]))
  if (!cameraIds.length) return since
  const rows = await db.rawQuery(
    `SELECT c.id, ${IN_SERVICE_SINCE_SQL} AS since FROM cameras c WHERE c.id = ANY(?)`,
    [cameraIds]
  )
  for (const row of rows.rows) since.set(row.id, row.since ? new Date(row.since) : null)
  return since
}
