import { DateTime } from 'luxon'
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
