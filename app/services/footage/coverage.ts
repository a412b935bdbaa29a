import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { DISPLAY_ZONE } from '#services/dates'

/** A calendar day in the commune, as instants [a, b); today's `b` is now. */
export interface DayBound {
  day: string
  a: number
  b: number
}

/** The commune's days from the one containing `from` up to `until` (the last one cut there). */
export function dayBounds(from: Date, until: Date): DayBound[] {
  const days: DayBound[] = []
  for (
    let d = DateTime.fromJSDate(from).setZone(DISPLAY_ZONE).startOf('day');
    d.toMillis() < until.getTime();
    d = d.plus({ days: 1 })
  ) {
    const b = Math.min(d.plus({ days: 1 }).toMillis(), until.getTime())
    days.push({ day: d.toISODate()!, a: d.toMillis(), b })
  }
  return days
}

/**
 * The share (0..1) of each day covered by one camera's recording runs, given in order of
 * start: one sweep, linear in runs plus days (overlapping runs of two nodes can add up past
 * a day's length; the share is capped at 1).
 */
export function dailyCoverage(
  runs: { started_at: Date; ended_at: Date }[],
  days: DayBound[]
): number[] {
  const covered = new Array<number>(days.length).fill(0)
  let first = 0
  for (const run of runs) {
    const a = run.started_at.getTime()
    const b = run.ended_at.getTime()
    while (first < days.length && days[first].b <= a) first++
    for (let k = first; k < days.length && days[k].a < b; k++) {
      covered[k] += Math.max(0, Math.min(b, days[k].b) - Math.max(a, days[k].a))
    }
  }
  return covered.map((c, k) => {
    const span = days[k].b - days[k].a
    return span > 0 ? Math.min(1, c / span) : 0
  })
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
