import { edgeSummaries } from '#services/footage/edge_summary'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE, communeDay } from '#services/dates'
import { maintenanceStats, statsRange } from '#services/tickets/maintenance_stats'
import {
  coverageIntervals,
  dailyCoverage,
  dayBounds,
  inServiceSince,
  averageCoverage,
} from '#services/footage/coverage'

/** Net donations per calendar month, the last 12 months (months without any show 0). */
export async function donationsPerMonth(now = DateTime.now()) {
  const first = now.setZone(DISPLAY_ZONE).startOf('month').minus({ months: 11 })
  const rows = await db
    .from('donations')
    .where('received_on', '>=', first.toISODate()!)
    .groupByRaw(`to_char(received_on, 'YYYY-MM')`)
    .select(db.raw(`to_char(received_on, 'YYYY-MM') as month`))
    .select(db.raw('sum(amount)::bigint as total'))
  const byMonth = new Map(rows.map((r) => [r.month, Number(r.total)]))
  return Array.from({ length: 12 }, (_, i) => {
    const month = first.plus({ months: i }).toFormat('yyyy-MM')
    return { month, total: byMonth.get(month) ?? 0 }
  })
}

/** Cameras by register status. */
export async function camerasByStatus() {
  const rows = await db.from('cameras').groupBy('status').select('status').count('* as n')
  return rows.map((r) => ({ status: r.status as string, count: Number(r.n) }))
}

/**
 * Per active camera, the share of each of the last `days` days covered by recording runs
 * and footage recovered from its SD card (today so far), swept in order from one query,
 * with how much was recovered and how much is still missing.
 */
export async function coverageStrips(days = 30, now = new Date()) {
  const first = communeDay(now).minus({ days: days - 1 })
  const bounds = dayBounds(first.toJSDate(), now)
  const cameras = await db
    .from('cameras')
    .where('status', 'active')
    .orderBy('code')
    .select('id', 'code', 'name')
  if (!cameras.length) return { days: bounds.map((b) => b.day), cameras: [] }
  const ids = cameras.map((c) => c.id)
  const intervals = await coverageIntervals(ids, first.toJSDate(), now)
  const since = await inServiceSince(ids)
  const edge = await edgeSummaries(ids, first.toJSDate(), now)
  return {
    days: bounds.map((b) => b.day),
    cameras: cameras.map((camera) => ({
      code: camera.code as string,
      name: camera.name as string,
      ...withAverage(
        dailyCoverage(intervals.get(camera.id) ?? [], bounds, since.get(camera.id) ?? null)
      ),
      edge: edge.get(camera.id)!,
    })),
  }
}

/** Cameras whose strips the dashboard shows; the others are counted under the table. */
export const STRIPS_SHOWN = 30

/**
 * The strips that need looking at first: the cameras that recorded least (cameras not yet
 * installed last), at most `limit`; the others are counted, with the lowest average among
 * them. The commune's 26 cameras all show; a programme of hundreds does not send hundreds
 * of strips to a phone.
 */
export function leastCoveredFirst(
  strips: Awaited<ReturnType<typeof coverageStrips>>,
  limit = STRIPS_SHOWN
) {
  const rank = (average: number | null) => (average === null ? 2 : average)
  const sorted = [...strips.cameras].sort(
    (a, b) => rank(a.average) - rank(b.average) || a.code.localeCompare(b.code)
  )
  const rest = sorted.slice(limit).flatMap((c) => (c.average === null ? [] : [c.average]))
  return {
    days: strips.days,
    cameras: sorted.slice(0, limit),
    others: Math.max(0, sorted.length - limit),
    othersLowest: rest.length ? Math.min(...rest) : null,
  }
}

const withAverage = (shares: (number | null)[]) => ({ shares, average: averageCoverage(shares) })

/** Open tickets by cause, and MTTR over the last 30 days. */
export async function ticketFigures() {
  const open = await db
    .from('maintenance_tickets')
    .whereIn('status', ['open', 'assigned', 'in_progress'])
    .groupBy('category')
    .select('category')
    .count('* as n')
  const stats = await maintenanceStats(statsRange())
  return {
    openByCause: open.map((r) => ({ category: r.category as string, count: Number(r.n) })),
    mttrHours: stats.overall.mttrHours,
    failures: stats.overall.failures,
  }
}
