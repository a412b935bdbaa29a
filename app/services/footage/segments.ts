import db from '@adonisjs/lucid/services/db'
import { GAP_TOLERANCE_MS, SEGMENT_LOOKBACK_MS, type IndexedSegment } from '#recorder/contract'

export type { IndexedSegment }

export interface FootageGap {
  from: Date
  to: Date
  seconds: number
  /** Why recording stopped before the gap (the run's end reason), if known. */
  reason: string | null
}

export { GAP_TOLERANCE_MS }

/** The video codec of a camera's newest indexed segment (null: nothing recorded yet). */
export async function lastRecordedCodec(cameraId: number): Promise<string | null> {
  const row = await db
    .from('recording_segments')
    .where('camera_id', cameraId)
    .whereNotNull('video_codec')
    .orderBy('started_at', 'desc')
    .select('video_codec')
    .first()
  return row?.video_codec ?? null
}

/** A camera's segments overlapping [from, to), oldest first (index on camera, start). */
export async function segmentsBetween(
  cameraId: number,
  from: Date,
  to: Date
): Promise<IndexedSegment[]> {
  // Segments are shorter than SEGMENT_LOOKBACK_MS (checked at start-up): looking back that
  // far from `from` on the start column keeps the (camera_id, started_at) index range tight.
  const rows = await db
    .from('recording_segments')
    .where('camera_id', cameraId)
    .where('started_at', '<', to)
    .where('started_at', '>=', new Date(from.getTime() - SEGMENT_LOOKBACK_MS))
    .where('ended_at', '>', from)
    .orderBy('started_at')
    .select(
      'id',
      'run_id',
      'started_at',
      'ended_at',
      'duration_ms',
      'bytes',
      'path',
      'sha256',
      'edge_recovery_id',
      'video_codec'
    )
  return rows.map((r) => ({
    id: Number(r.id),
    runId: r.run_id === null ? null : Number(r.run_id),
    startedAt: r.started_at,
    endedAt: r.ended_at,
    durationMs: r.duration_ms,
    bytes: Number(r.bytes),
    path: r.path,
    sha256: r.sha256,
    fromCard: r.edge_recovery_id !== null,
    videoCodec: r.video_codec ?? null,
  }))
}

/**
 * The gaps in [from, to) not covered by `segments`, each with the reason the recorder gave
 * for the run that ended before it (unreachable, stalled, power cut → crash_recovered …).
 */
export async function gapsIn(
  cameraId: number,
  segments: IndexedSegment[],
  from: Date,
  to: Date
): Promise<FootageGap[]> {
  const holes: { from: number; to: number }[] = []
  let cursor = from.getTime()
  for (const s of segments) {
    const start = s.startedAt.getTime()
    if (start - cursor > GAP_TOLERANCE_MS) holes.push({ from: cursor, to: start })
    cursor = Math.max(cursor, s.endedAt.getTime())
  }
  if (to.getTime() - cursor > GAP_TOLERANCE_MS) holes.push({ from: cursor, to: to.getTime() })
  if (!holes.length) return []
  const runs = await db
    .from('recording_runs')
    .where('camera_id', cameraId)
    .where('ended_at', '<=', to)
    .where('ended_at', '>=', new Date(from.getTime() - 86400_000))
    .orderBy('ended_at')
    .select('ended_at', 'end_reason')
  return holes.map((h) => {
    // The run that ended closest before (or at) the start of the hole, within a minute.
    const before = runs.filter((r) => Math.abs(r.ended_at.getTime() - h.from) <= 60_000).at(-1)
    return {
      from: new Date(h.from),
      to: new Date(h.to),
      seconds: Math.round((h.to - h.from) / 100) / 10,
      reason: before?.end_reason ?? null,
    }
  })
}
