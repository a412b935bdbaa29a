import type { FfmpegBinaries } from '#recorder/ffmpeg_binaries'
import type { StreamInfo } from '#recorder/stream_info'

/**
 * The recording contract in code: the windows and row types the recorder writes by and the
 * web side reads by. docs/design/recording.md says what each promises and why; both sides
 * import them from here, so a window cannot drift on one side only.
 */

/** Segment length when RECORDER_SEGMENT_SECONDS is not set. */
export const DEFAULT_SEGMENT_SECONDS = 60

/**
 * A camera counts as recording when its last segment closed this recently. A segment closes
 * every `segmentSeconds`, a little later when ffmpeg waits for a keyframe to cut at, and is
 * indexed within a second or two after; so segments must be shorter than this window by
 * at least SEGMENT_CLOSE_SLACK_SECONDS (checked at start-up: `checkSegmentSeconds`).
 */
export const RECORDING_FRESH_SECONDS = 90

/** What a segment may close late by: a keyframe interval (cameras: 1-4 s) plus indexing. */
export const SEGMENT_CLOSE_SLACK_SECONDS = 10

/** The shortest segment the recorder accepts: a cut needs a keyframe (cameras: every 1-4 s). */
export const MIN_SEGMENT_SECONDS = 2

/**
 * Footage reads look for segments that started up to this long before the window asked
 * for (the (camera_id, started_at) index stays a tight range); a segment longer than this
 * would be missed, so segments must be shorter (implied by the 90 s window above).
 */
export const SEGMENT_LOOKBACK_MS = 3600_000

/**
 * Two segments further apart than this leave a gap: segment names carry whole seconds and
 * a cut lands on the next keyframe, so consecutive segments of one run can seem up to a
 * second apart without a frame missing.
 */
export const GAP_TOLERANCE_MS = 1500

/**
 * How long ffmpeg waits on a silent RTSP socket before giving up (live recording, live
 * view and the connection test): short, so a camera that went away is noticed quickly.
 */
export const RTSP_SOCKET_TIMEOUT_MS = 5000

/**
 * The same for replaying a camera's SD card: cameras take several seconds to seek in
 * their card before the first packet, which is not a dead camera.
 */
export const CARD_REPLAY_SOCKET_TIMEOUT_MS = 10_000

/** The RTSP input options every ffmpeg that reads a camera uses. */
export function rtspInputOptions(
  bin: Pick<FfmpegBinaries, 'rtspTimeoutOption'>,
  transport: 'tcp' | 'udp',
  timeoutMs: number = RTSP_SOCKET_TIMEOUT_MS
) {
  return ['-rtsp_transport', transport, bin.rtspTimeoutOption, String(Math.round(timeoutMs * 1000))]
}

export class SegmentLengthError extends Error {}

/**
 * Refuses a segment length the windows above cannot serve, with a message for whoever set
 * RECORDER_SEGMENT_SECONDS.
 */
export function checkSegmentSeconds(seconds: number) {
  const max = RECORDING_FRESH_SECONDS - SEGMENT_CLOSE_SLACK_SECONDS
  if (!Number.isFinite(seconds) || seconds < MIN_SEGMENT_SECONDS || seconds > max) {
    throw new SegmentLengthError(
      `RECORDER_SEGMENT_SECONDS=${seconds}: độ dài đoạn ghi phải từ ${MIN_SEGMENT_SECONDS} đến ${max} giây ` +
        `(camera được coi là đang ghi khi đoạn cuối đóng trong ${RECORDING_FRESH_SECONDS} giây). ` +
        `Segments must be ${MIN_SEGMENT_SECONDS}-${max} s: a camera counts as recording when ` +
        `its last segment closed within ${RECORDING_FRESH_SECONDS} s.`
    )
  }
  return seconds
}

/** RECORDER_SEGMENT_SECONDS (or the default), checked. */
export function segmentSecondsSetting(value: number | string | undefined) {
  return checkSegmentSeconds(
    value === undefined || value === '' ? DEFAULT_SEGMENT_SECONDS : Number(value)
  )
}

/** What a recording_segments row holds, as both sides see it. */
export interface SegmentFields {
  /** The recording run (one ffmpeg process); null for rows spooled while the database was away. */
  runId: number | null
  /** From the segment's file name (recorder clock, whole seconds). */
  startedAt: Date
  endedAt: Date
  durationMs: number
  bytes: number
  /** Absolute path on the recorder node that wrote it. */
  path: string
  sha256: string
  /** As the probe read it: 'h264', 'hevc' (H.265)… null when unknown. */
  videoCodec: string | null
}

/** What the recorder writes: the fields, plus where it came from. */
export interface SegmentRow extends SegmentFields {
  cameraId: number
  width: number | null
  height: number | null
  /** Everything the probe read of the stream (the run keeps its first segment's). */
  stream?: StreamInfo
  recovered: boolean
  recorderNode: string
  /** Fetched back from the camera's SD card by this recovery job (edge_recovery.ts). */
  edgeRecoveryId?: number | null
}

/** What footage pages read back. */
export interface IndexedSegment extends SegmentFields {
  id: number
  /** Fetched back from the camera's SD card after a gap (edge_recoveries). */
  fromCard: boolean
}
