import { edgeSummaries, type EdgeSummary } from '#services/footage/edge_summary'
import { DateTime } from 'luxon'
import { codecName } from '#recorder/stream_info'
import db from '@adonisjs/lucid/services/db'
import { communeDay } from '#services/dates'
import {
  coverageIntervals,
  dailyCoverage,
  dayBounds,
  inServiceSince,
} from '#services/footage/coverage'

export interface DayCoverage {
  /** `yyyy-mm-dd` in the commune's time zone. */
  day: string
  /** Share of the day (so far, for today) covered by recording runs, 0..1; null before installation. */
  coverage: number | null
}

export interface CameraHealth {
  lastSegment: {
    endedAt: Date
    videoCodec: string | null
    width: number | null
    height: number | null
    kbps: number
  } | null
  /** What the camera sent in its latest recording run (names as on the box). */
  stream: {
    since: Date
    videoCodec: string
    profile: string | null
    width: number | null
    height: number | null
    fps: number | null
    audioCodec: string | null
  } | null
  reconnectsLastHour: number
  stallsLastHour: number
  coverage: DayCoverage[]
  /** The recorder node holding the camera's lease now, if any. */
  recorderNode: string | null
  /** Over the same days: footage fetched back from the SD card, and still missing. */
  edge: EdgeSummary
}

/**
 * A camera's recording health from what the recorder wrote: its newest segment (codec,
 * resolution, bitrate), reconnects and stalls in the last hour, and per day the share of
 * time covered by runs (the gaps are the rest), today first, for `days` days.
 */
export async function cameraHealth(
  cameraId: number,
  days = 7,
  now: DateTime = DateTime.now()
): Promise<CameraHealth> {
  const last = await db
    .from('recording_segments')
    .where('camera_id', cameraId)
    .orderBy('ended_at', 'desc')
    .first()
  const run = await db
    .from('recording_runs')
    .where('camera_id', cameraId)
    .whereNotNull('video_codec')
    .orderBy('started_at', 'desc')
    .first()
  const lease = await db
    .from('camera_leases')
    .where('camera_id', cameraId)
    .where('expires_at', '>', now.toJSDate())
    .first()
  const hourAgo = now.minus({ hours: 1 }).toJSDate()
  const events = await db
    .from('recorder_events')
    .where('camera_id', cameraId)
    .where('created_at', '>=', hourAgo)
    .groupBy('kind')
    .select('kind')
    .count('* as n')
  const count = (kinds: string[]) =>
    events.filter((e) => kinds.includes(e.kind)).reduce((s, e) => s + Number(e.n), 0)

  const today = communeDay(now)
  const from = today.minus({ days: days - 1 })
  const intervals = await coverageIntervals([cameraId], from.toJSDate(), now.toJSDate())
  const bounds = dayBounds(from.toJSDate(), now.toJSDate())
  const since = (await inServiceSince([cameraId])).get(cameraId) ?? null
  const shares = dailyCoverage(intervals.get(cameraId) ?? [], bounds, since)
  const edge = (await edgeSummaries([cameraId], from.toJSDate(), now.toJSDate())).get(cameraId)!
  // Today first.
  const coverage: DayCoverage[] = bounds
    .map((d, k) => ({ day: d.day, coverage: shares[k] }))
    .reverse()
  return {
    lastSegment: last
      ? {
          endedAt: last.ended_at,
          videoCodec: last.video_codec,
          width: last.width,
          height: last.height,
          kbps: last.duration_ms > 0 ? Math.round((Number(last.bytes) * 8) / last.duration_ms) : 0,
        }
      : null,
    stream: run
      ? {
          since: run.started_at,
          videoCodec: codecName(run.video_codec),
          profile: run.video_profile,
          width: run.width,
          height: run.height,
          fps: run.fps === null ? null : Number(run.fps),
          audioCodec: run.audio_codec ? codecName(run.audio_codec) : null,
        }
      : null,
    reconnectsLastHour: count(['unreachable', 'ffmpeg_exit', 'stalled']),
    stallsLastHour: count(['stalled']),
    coverage,
    recorderNode: lease?.node_id ?? null,
    edge,
  }
}
