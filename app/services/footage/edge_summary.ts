import db from '@adonisjs/lucid/services/db'
import { coverageIntervals } from '#services/footage/coverage'
import { GAP_TOLERANCE_MS } from '#recorder/contract'

export interface EdgeSummary {
  /** Footage fetched back from the camera's SD card in the window. */
  recoveredMs: number
  /** Closed gaps still without footage: between the first and last recorded moment. */
  missingMs: number
  /** Recovery jobs waiting or running, and given up. */
  queued: number
  failed: number
}

/** Per camera, what SD-card recovery brought back in [from, to) and what is still missing. */
export async function edgeSummaries(
  cameraIds: number[],
  from: Date,
  to: Date
): Promise<Map<number, EdgeSummary>> {
  const result = new Map<number, EdgeSummary>()
  if (!cameraIds.length) return result
  const intervals = await coverageIntervals(cameraIds, from, to)
  const recovered = await db
    .from('recording_segments')
    .whereIn('camera_id', cameraIds)
    .whereNotNull('edge_recovery_id')
    .where('started_at', '<', to)
    .where('ended_at', '>', from)
    .groupBy('camera_id')
    .select('camera_id')
    .sum('duration_ms as ms')
  const jobs = await db
    .from('edge_recoveries')
    .whereIn('camera_id', cameraIds)
    .where('window_to', '>', from)
    .groupBy('camera_id')
    .select('camera_id')
    .select(db.raw(`count(*) FILTER (WHERE status IN ('pending', 'running'))::int AS queued`))
    .select(db.raw(`count(*) FILTER (WHERE status = 'failed')::int AS failed`))
  for (const id of cameraIds) {
    let missing = 0
    let cursor: number | null = null
    for (const i of intervals.get(id) ?? []) {
      const a = Math.max(i.started_at.getTime(), from.getTime())
      const b = Math.min(i.ended_at.getTime(), to.getTime())
      if (cursor !== null && a - cursor > GAP_TOLERANCE_MS) missing += a - cursor
      cursor = cursor === null ? b : Math.max(cursor, b)
    }
    const job = jobs.find((j) => j.camera_id === id)
    result.set(id, {
      recoveredMs: Number(recovered.find((r) => r.camera_id === id)?.ms ?? 0),
      missingMs: missing,
      queued: job?.queued ?? 0,
      failed: job?.failed ?? 0,
    })
  }
  return result
}

/** A camera's latest recovery jobs, newest first, for its page and the playback day. */
export async function recentRecoveries(
  cameraId: number,
  limit = 10,
  day?: { from: Date; to: Date }
) {
  const query = db
    .from('edge_recoveries as e')
    .leftJoin('users as u', 'u.id', 'e.requested_by')
    .where('e.camera_id', cameraId)
    .orderBy('e.window_from', 'desc')
    .limit(limit)
    .select('e.*', 'u.full_name as requested_by_name')
  if (day) query.where('e.window_to', '>', day.from).where('e.window_from', '<', day.to)
  return query
}
