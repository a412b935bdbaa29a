import ffmpeg from 'fluent-ffmpeg'
import { writeFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import type { FfmpegBinaries } from '#recorder/ffmpeg_binaries'
import type { IndexedSegment } from '#services/footage/segments'
import { DISPLAY_ZONE } from '#services/dates'
import { GAP_TOLERANCE_MS } from '#recorder/contract'

export interface CutResult {
  /** Wall-clock start and end of the footage in the file (segment times, to the second). */
  recordedFrom: Date
  recordedTo: Date
  /** `copied` or, when the container refuses the camera's audio codec, `aac`. */
  audio: 'copied' | 'aac'
}

/**
 * Where each piece of the output comes from: media time [offset, offset + duration) of the
 * MP4 is wall-clock time [wallStart, …) of a segment. The concat demuxer lays the segments
 * end to end, so a gap between two segments is a jump in wall-clock time, not in media time.
 */
export function pieces(segments: IndexedSegment[], from: Date, to: Date) {
  let offset = 0
  return segments.map((s, i) => {
    const start = Math.max(s.startedAt.getTime(), from.getTime())
    const end = Math.min(s.startedAt.getTime() + s.durationMs, to.getTime())
    const piece = {
      segment: s,
      inpoint: i === 0 ? (start - s.startedAt.getTime()) / 1000 : 0,
      outpoint: i === segments.length - 1 ? (end - s.startedAt.getTime()) / 1000 : null,
      offset,
      wallStart: start,
      duration: Math.max(0, end - start) / 1000,
    }
    offset += piece.duration
    return piece
  })
}

/**
 * Cuts [from, to) of a camera's segments into one MP4 by stream copy (no re-encoding: the
 * pixels are the camera's), `faststart` so it plays while downloading, with its wall-clock
 * start in the metadata. Stream copy starts at a keyframe, so the first second may begin a
 * little before `from` (at most one GOP).
 */
export async function cutClip(params: {
  bin: FfmpegBinaries
  segments: IndexedSegment[]
  from: Date
  to: Date
  listPath: string
  outPath: string
  title: string
  onProgress?: (fraction: number) => void
}): Promise<CutResult> {
  const parts = pieces(params.segments, params.from, params.to)
  // The whole segments, end to end; the window is cut by seeking in that timeline (the
  // concat demuxer's `inpoint` would take each file's own timestamps, which run on across a
  // recording run), then `-t`. With stream copy the cut starts at the keyframe before.
  const list = ['ffconcat version 1.0']
  for (const p of parts) list.push(`file '${p.segment.path.replace(/'/g, "'\\''")}'`)
  await writeFile(params.listPath, list.join('\n') + '\n')
  const recordedFrom = new Date(parts[0].wallStart)
  const last = parts.at(-1)!
  const recordedTo = new Date(last.wallStart + last.duration * 1000)
  const total = parts.reduce((s, p) => s + p.duration, 0)
  const run = (audio: 'copied' | 'aac') =>
    new Promise<void>((resolve, reject) => {
      ffmpeg(params.listPath)
        .setFfmpegPath(params.bin.ffmpeg)
        .inputOptions([
          '-hide_banner',
          '-nostdin',
          '-f',
          'concat',
          '-safe',
          '0',
          ...(parts[0].inpoint > 0 ? ['-ss', parts[0].inpoint.toFixed(3)] : []),
        ])
        .outputOptions([
          '-t',
          total.toFixed(3),
          '-map',
          '0:v?',
          '-map',
          '0:a?',
          '-c:v',
          'copy',
          // H.265 as `hvc1`, the tag Apple's players (and most others) expect; ffmpeg's
          // default `hev1` is refused by QuickTime and iPhones.
          ...(params.segments.some((s) => s.videoCodec === 'hevc') ? ['-tag:v', 'hvc1'] : []),
          ...(audio === 'copied' ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '64k']),
          '-movflags',
          '+faststart',
          '-metadata',
          `creation_time=${recordedFrom.toISOString()}`,
          '-metadata',
          `title=${params.title.replace(/\s+/g, '_')}`,
          '-metadata',
          `comment=wallclock_start=${recordedFrom.toISOString()}`,
          '-y',
        ])
        .format('mp4')
        .output(params.outPath)
        .on('progress', (p: { timemark?: string }) => {
          if (!p.timemark || !params.onProgress || total <= 0) return
          const [h, m, s] = p.timemark.split(':').map(Number)
          params.onProgress(Math.min(1, (h * 3600 + m * 60 + s) / total))
        })
        .on('error', reject)
        .on('end', () => resolve())
        .run()
    })
  try {
    await run('copied')
    return { recordedFrom, recordedTo, audio: 'copied' }
  } catch {
    // MP4 takes H.264/H.265 video as is, but not every camera's audio (G.711): that audio
    // alone is converted; the video stays a stream copy.
    await run('aac')
    return { recordedFrom, recordedTo, audio: 'aac' }
  }
}

/**
 * SubRip subtitles of wall-clock time, one cue per second of the clip, in the commune's
 * time zone; the first second after a gap says how long the gap was.
 */
export async function writeWallClockSrt(
  path: string,
  segments: IndexedSegment[],
  from: Date,
  to: Date
) {
  const parts = pieces(segments, from, to)
  const cues: string[] = []
  let n = 0
  let previousEnd: number | null = null
  for (const p of parts) {
    const gapMs = previousEnd === null ? 0 : p.wallStart - previousEnd
    const gap = gapMs / 1000
    for (let t = 0; t < p.duration; t += 1) {
      const mediaStart = p.offset + t
      const mediaEnd = Math.min(p.offset + p.duration, mediaStart + 1)
      if (mediaEnd - mediaStart < 0.05) continue
      const wall = DateTime.fromMillis(p.wallStart + t * 1000, { zone: DISPLAY_ZONE })
      let text = `${wall.toFormat('dd/MM/yyyy HH:mm:ss')} (GMT+7)`
      if (t === 0 && gapMs > GAP_TOLERANCE_MS)
        text += `\n[sau ${Math.round(gap)} giây không có hình / after a ${Math.round(gap)} s gap]`
      cues.push(`${++n}\n${srtTime(mediaStart)} --> ${srtTime(mediaEnd)}\n${text}\n`)
    }
    previousEnd = p.wallStart + p.duration * 1000
  }
  await writeFile(path, cues.join('\n'))
}

function srtTime(seconds: number) {
  const ms = Math.round(seconds * 1000)
  const h = Math.floor(ms / 3600_000)
  const m = Math.floor((ms % 3600_000) / 60_000)
  const s = Math.floor((ms % 60_000) / 1000)
  const pad = (v: number, w = 2) => String(v).padStart(w, '0')
  return `${pad(h)}:${pad(m)}:${pad(s)},${pad(ms % 1000, 3)}`
}
