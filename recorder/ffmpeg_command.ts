import ffmpeg from 'fluent-ffmpeg'
import { join } from 'node:path'
import type { FfmpegBinaries } from '#recorder/ffmpeg_binaries'
import { rtspInputOptions } from '#recorder/contract'

export interface RecordingTarget {
  /** Stream URL with credentials already put back (never logged as is). */
  url: string
  transport: 'tcp' | 'udp'
  /** Where ffmpeg writes open segments; closed ones are moved into day folders. */
  incomingDir: string
  segmentSeconds: number
  /** Unique per ffmpeg process, so two runs in the same second never share a file name. */
  runTag: string
  /**
   * 'copy' (default) keeps the camera's audio as it is; 'aac' converts it, for audio that
   * MPEG-TS cannot carry (G.711, G.726: copied, it becomes an unreadable data stream).
   * Video is always copied.
   */
  audio?: 'copy' | 'aac'
}

/**
 * The recording command: RTSP in, stream copy out (never decode or re-encode), cut into
 * MPEG-TS segments. MPEG-TS needs no index at the end, so a segment cut short by a power
 * cut or SIGKILL is still playable up to its last packet. Segment names carry their start
 * time (recorder clock, UTC); each closed segment is announced on stdout as a CSV line.
 */
export function recordingCommand(bin: FfmpegBinaries, target: RecordingTarget) {
  return ffmpeg(target.url)
    .setFfmpegPath(bin.ffmpeg)
    .setFfprobePath(bin.ffprobe)
    .inputOptions([
      '-hide_banner',
      '-nostdin',
      // Info, not warning: the header names what is written (codec, size, fps, audio),
      // which spares a probe per run (announcedOutput); -nostats keeps the rest quiet
      // (one "Opening" line per segment).
      '-nostats',
      '-loglevel',
      'info',
      ...rtspInputOptions(bin, target.transport),
      '-fflags',
      '+genpts+discardcorrupt',
    ])
    .outputOptions([
      '-map',
      '0:v?',
      '-map',
      '0:a?',
      '-c:v',
      'copy',
      ...(target.audio === 'aac' ? ['-c:a', 'aac', '-b:a', '32k'] : ['-c:a', 'copy']),
    ])
    .outputOptions(mpegtsSegmentOptions(target.segmentSeconds, { strftime: true }))
    .output(join(target.incomingDir, `${target.runTag}_%Y%m%dT%H%M%SZ.ts`))
}

/**
 * How every recording is cut, live or fetched from a camera's card: MPEG-TS segments of
 * `segmentSeconds`, each announced on stdout as a CSV line (name, start, end) when closed.
 */
export function mpegtsSegmentOptions(segmentSeconds: number, options: { strftime?: boolean } = {}) {
  return [
    '-f',
    'segment',
    '-segment_format',
    'mpegts',
    // Without this the segment's bytes wait in memory until it closes (ffmpeg 4.1): a
    // SIGKILL or power cut would lose the whole open segment, and the watchdog would see
    // no growth. Flushing every packet keeps the loss to what the OS had not written.
    '-segment_format_options',
    'flush_packets=1',
    '-segment_time',
    String(segmentSeconds),
    // Timestamps run on across the segments of one ffmpeg run, so playback (HLS) needs a
    // discontinuity only where a run ends: at a gap, never between two segments of a run.
    '-reset_timestamps',
    '0',
    ...(options.strftime ? ['-strftime', '1'] : []),
    '-segment_list',
    'pipe:1',
    '-segment_list_type',
    'csv',
  ]
}

/** Start time of a segment from its name (`<run>_20261128T101500Z.ts`), or null. */
export function segmentStartFromName(name: string): Date | null {
  const match = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.ts$/.exec(name)
  if (!match) return null
  const [, y, mo, d, h, mi, s] = match.map(Number)
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s))
}
