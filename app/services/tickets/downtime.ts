import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#services/dates'
import { RECORDING_FRESH_SECONDS } from '#services/cameras/live_status'
import { IN_SERVICE_SINCE_SQL } from '#services/footage/coverage'

export interface DowntimeReport {
  /** `yyyy-mm`, oldest first, in the commune's time zone. */
  months: string[]
  /** Cameras with any downtime in the period, most first. */
  cameras: { cameraId: number; code: string; name: string; hours: number[]; total: number }[]
  /** Per month, all cameras together. */
  totals: number[]
}

/**
 * Hours without recording per camera and calendar month, from recording runs: the gaps
 * between a camera's runs, and from its last run to now when it should be recording and is
 * not. A camera counts from when it is in service (IN_SERVICE_SINCE_SQL: installed, else
 * its first recording, else registered), so an installed camera that has not recorded yet
 * is down from its installation; the time
 * after a run that ended because someone turned recording off is not downtime. Runs of two
 * nodes that overlap are merged (the running maximum of ends), so double recording never
 * hides or doubles a gap.
 */
export async function downtimeByMonth(
  monthsBack = 6,
  now: DateTime = DateTime.now()
): Promise<DowntimeReport> {
  const current = now.setZone(DISPLAY_ZONE).startOf('month')
  const monthStarts = Array.from({ length: monthsBack }, (_, i) =>
    current.minus({ months: monthsBack - 1 - i })
  )
  const from = monthStarts[0]
  const rows = await db.rawQuery(
    `WITH ordered AS (
       SELECT camera_id, started_at, ended_at,
              max(ended_at) OVER w AS prev_end,
              lag(end_reason) OVER (PARTITION BY camera_id ORDER BY started_at) AS prev_reason
         FROM recording_runs
       WINDOW w AS (PARTITION BY camera_id ORDER BY started_at
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
     ),
     gaps AS (
       SELECT camera_id, prev_end AS gap_start, started_at AS gap_end
         FROM ordered
        WHERE prev_end IS NOT NULL AND started_at > prev_end
          AND prev_reason IS DISTINCT FROM 'disabled'
       UNION ALL
       SELECT r.camera_id, max(r.ended_at), CAST(? AS timestamptz)
         FROM recording_runs r JOIN cameras c ON c.id = r.camera_id
        WHERE c.status = 'active' AND c.recording_enabled AND c.main_stream_url IS NOT NULL
        GROUP BY r.camera_id
       HAVING max(r.ended_at) < CAST(? AS timestamptz) - make_interval(secs => ?)
       UNION ALL
       -- From when the camera counts (installed, IN_SERVICE_SINCE_SQL) to its first run, or
       -- to now when it never recorded although it should.
       SELECT c.id, ${IN_SERVICE_SINCE_SQL},
              coalesce((SELECT min(r.started_at) FROM recording_runs r WHERE r.camera_id = c.id),
                       CAST(? AS timestamptz))
         FROM cameras c
        WHERE c.status = 'active' AND c.recording_enabled AND c.main_stream_url IS NOT NULL
     )
     SELECT camera_id, gap_start, gap_end FROM gaps
      WHERE gap_end > ? AND gap_start < ? AND gap_start < gap_end`,
    [
      now.toJSDate(),
      now.toJSDate(),
      RECORDING_FRESH_SECONDS,
      now.toJSDate(),
      from.toJSDate(),
      now.toJSDate(),
    ]
  )
  const gaps: { camera_id: number; gap_start: Date; gap_end: Date }[] = rows.rows
  const cameraIds = [...new Set(gaps.map((g) => g.camera_id))]
  const cameras = cameraIds.length
    ? await db.from('cameras').whereIn('id', cameraIds).select('id', 'code', 'name')
    : []
  const bounds = monthStarts.map((m, i) => [
    m.toMillis(),
    i === monthStarts.length - 1 ? now.toMillis() : m.plus({ months: 1 }).toMillis(),
  ])
  const report = cameras.map((camera) => {
    const own = gaps.filter((g) => g.camera_id === camera.id)
    const hours = bounds.map(([start, end]) =>
      round(
        own.reduce((sum, g) => {
          const a = Math.max(start, g.gap_start.getTime())
          const b = Math.min(end, g.gap_end.getTime())
          return sum + Math.max(0, b - a)
        }, 0) / 3600_000
      )
    )
    return {
      cameraId: camera.id as number,
      code: camera.code as string,
      name: camera.name as string,
      hours,
      total: round(hours.reduce((a, b) => a + b, 0)),
    }
  })
  const withDowntime = report.filter((r) => r.total > 0).sort((a, b) => b.total - a.total)
  return {
    months: monthStarts.map((m) => m.toFormat('yyyy-MM')),
    cameras: withDowntime,
    totals: bounds.map((_, i) => round(withDowntime.reduce((s, r) => s + r.hours[i], 0))),
  }
}

const round = (n: number) => Math.round(n * 100) / 100
