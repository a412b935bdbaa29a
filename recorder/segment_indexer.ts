import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { appendFile, mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import ffmpeg from 'fluent-ffmpeg'
import type { FfmpegBinaries } from '#recorder/ffmpeg_binaries'
import { frameRate, parseStreamInfo, type StreamInfo } from '#recorder/stream_info'
import type { SegmentRow } from '#recorder/contract'

/** The slice of a database client the recorder needs (Lucid's `db` satisfies it). */
export interface RecorderStore {
  rawQuery(sql: string, bindings?: unknown[]): Promise<any>
}

export type { SegmentRow }

export interface ProbeResult extends StreamInfo {
  durationMs: number
}

/**
 * Duration, codec and size of a segment; a truncated MPEG-TS tail is fine, an unreadable
 * file rejects. ffprobe first; when it fails (the bundled static ffprobe builds crash with
 * SIGSEGV on MPEG-TS on some machines, this one included), ffmpeg's own input probe.
 */
export async function probeSegment(bin: FfmpegBinaries, path: string): Promise<ProbeResult> {
  if (crashingFfprobes.has(bin.ffprobe)) return probeWithFfmpeg(bin, path)
  try {
    return await probeWithFfprobe(bin, path)
  } catch (error) {
    // A crash (not a bad file) will happen again on every segment: stop spawning it.
    if (/SIGSEGV|SIGABRT|signal|code 139/i.test(String((error as Error)?.message))) {
      crashingFfprobes.add(bin.ffprobe)
    }
    return probeWithFfmpeg(bin, path)
  }
}

/** ffprobe binaries seen crashing in this process; segments are probed with ffmpeg. */
const crashingFfprobes = new Set<string>()

function probeWithFfprobe(bin: FfmpegBinaries, path: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    ffmpeg.setFfprobePath(bin.ffprobe)
    ffmpeg.ffprobe(path, (error, data) => {
      if (error) return reject(error)
      const video = data.streams.find((s) => s.codec_type === 'video')
      const duration = Number(data.format.duration)
      if (!video || !Number.isFinite(duration)) return reject(new Error('no video stream'))
      resolve({
        durationMs: Math.round(duration * 1000),
        videoCodec: video.codec_name ?? null,
        profile: video.profile ? String(video.profile) : null,
        width: video.width ?? null,
        height: video.height ?? null,
        fps: frameRate(video.avg_frame_rate) ?? frameRate(video.r_frame_rate),
        audioCodec: data.streams.find((s) => s.codec_type === 'audio')?.codec_name ?? null,
        dataStream: data.streams.some((s) => s.codec_type === 'data'),
      })
    })
  })
}

/** `ffmpeg -i file` prints the input's duration and streams (and exits 1: no output). */
function probeWithFfmpeg(bin: FfmpegBinaries, path: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    execFile(bin.ffmpeg, ['-hide_banner', '-nostdin', '-i', path], (_error, _stdout, stderr) => {
      const duration = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(stderr)
      const stream = parseStreamInfo(stderr)
      if (!duration || !stream?.width)
        return reject(new Error(`unreadable: ${stderr.split('\n').at(-2) ?? ''}`))
      const [, h, m, sec] = duration
      resolve({
        durationMs: Math.round((Number(h) * 3600 + Number(m) * 60 + Number(sec)) * 1000),
        ...stream,
      })
    })
  })
}

/** MPEG-TS sync bytes at the first two packets, or the file is treated as unreadable. */
async function checkMpegTs(path: string, known: ProbeResult): Promise<ProbeResult> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(376)
    const { bytesRead } = await handle.read(head, 0, 376, 0)
    if (bytesRead < 376 || head[0] !== 0x47 || head[188] !== 0x47) {
      throw new Error('not an MPEG-TS segment')
    }
    return known
  } finally {
    await handle.close()
  }
}

/**
 * SHA-256 of a file, read 1 MiB at a time into one buffer: for a 15 MB segment that is a
 * third less CPU than a read stream's 64 KiB chunks (bench:recorder hashes every segment).
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(HASH_CHUNK)
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, HASH_CHUNK, null)
      if (bytesRead === 0) break
      hash.update(bytesRead === HASH_CHUNK ? buffer : buffer.subarray(0, bytesRead))
    }
  } finally {
    await handle.close()
  }
  return hash.digest('hex')
}

const HASH_CHUNK = 1024 * 1024

/** Where a closed segment lives: <root>/<camera code>/<yyyy>/<mm>/<dd>/<name> (UTC day). */
export function dayPath(root: string, cameraCode: string, startedAt: Date, name: string) {
  const iso = startedAt.toISOString()
  return join(root, cameraCode, iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10), name)
}

/**
 * Writes segment rows to PostgreSQL. When the database cannot be reached the row goes to a
 * spool file on disk (one JSON line each) and is written when the database is back:
 * recording never waits for the database, and no index row is lost.
 */
export class SegmentIndex {
  #spoolPath: string
  #flushing = false

  constructor(
    private store: RecorderStore,
    spoolDir: string,
    private onError: (error: unknown) => void = () => {}
  ) {
    this.#spoolPath = join(spoolDir, 'pending-index.jsonl')
  }

  async insert(row: SegmentRow): Promise<boolean> {
    try {
      await this.write(row)
      return true
    } catch (error) {
      this.onError(error)
      await mkdir(dirname(this.#spoolPath), { recursive: true })
      await appendFile(this.#spoolPath, JSON.stringify(row) + '\n')
      return false
    }
  }

  /** Writes spooled rows; keeps the ones that still fail. Returns how many were written. */
  async flush(): Promise<number> {
    if (this.#flushing) return 0
    this.#flushing = true
    try {
      const text = await readFile(this.#spoolPath, 'utf8').catch(() => '')
      if (!text) return 0
      const rows = text.split('\n').filter(Boolean)
      const left: string[] = []
      let written = 0
      for (const line of rows) {
        const row = JSON.parse(line)
        try {
          await this.write({
            ...row,
            startedAt: new Date(row.startedAt),
            endedAt: new Date(row.endedAt),
          })
          written++
        } catch {
          left.push(line)
        }
      }
      const temp = `${this.#spoolPath}.tmp`
      await writeFile(temp, left.map((l) => l + '\n').join(''))
      await rename(temp, this.#spoolPath)
      return written
    } finally {
      this.#flushing = false
    }
  }

  protected async write(row: SegmentRow) {
    await this.store.rawQuery(
      `insert into recording_segments
         (camera_id, run_id, started_at, ended_at, duration_ms, bytes, path, sha256, video_codec,
          width, height, recovered, recorder_node, edge_recovery_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (path) do nothing`,
      [
        row.cameraId,
        row.runId,
        row.startedAt,
        row.endedAt,
        row.durationMs,
        row.bytes,
        row.path,
        row.sha256,
        row.videoCodec,
        row.width,
        row.height,
        row.recovered,
        row.recorderNode,
        row.edgeRecoveryId ?? null,
      ]
    )
  }
}

/**
 * Moves a closed segment from the incoming folder into its day folder, probes and hashes
 * it, and returns its index row. A file ffprobe cannot read goes to <root>/quarantine and
 * the promise rejects with the reason; it is never deleted.
 */
export async function settleSegment(params: {
  bin: FfmpegBinaries
  root: string
  cameraId: number
  cameraCode: string
  file: string
  startedAt: Date
  /** Known from ffmpeg's segment list; else taken from the probe. */
  durationMs?: number
  endedAt?: Date
  runId: number | null
  recovered: boolean
  recorderNode: string
  /**
   * Codec and size already probed on an earlier segment of the same ffmpeg run (same
   * stream). With `durationMs` from the segment list, the segment then only gets a cheap
   * in-process check instead of one more ffprobe: spawning from a large Node process costs
   * far more CPU than recording (copy-on-write page faults after every fork).
   */
  streamInfo?: Omit<ProbeResult, 'durationMs'> | null
}): Promise<SegmentRow> {
  let probe: ProbeResult
  try {
    probe =
      params.streamInfo && params.durationMs !== undefined
        ? await checkMpegTs(params.file, { ...params.streamInfo, durationMs: params.durationMs })
        : await probeSegment(params.bin, params.file)
  } catch (error) {
    const target = join(params.root, 'quarantine', params.cameraCode, basename(params.file))
    await mkdir(dirname(target), { recursive: true })
    await rename(params.file, target)
    throw Object.assign(new Error(`quarantined ${basename(params.file)}`), { cause: error, target })
  }
  const target = dayPath(params.root, params.cameraCode, params.startedAt, basename(params.file))
  await mkdir(dirname(target), { recursive: true })
  await rename(params.file, target)
  const durationMs = params.durationMs ?? probe.durationMs
  const endedAt = params.endedAt ?? new Date(params.startedAt.getTime() + durationMs)
  return {
    cameraId: params.cameraId,
    runId: params.runId,
    startedAt: params.endedAt ? new Date(endedAt.getTime() - durationMs) : params.startedAt,
    endedAt,
    durationMs,
    bytes: (await stat(target)).size,
    path: target,
    sha256: await sha256File(target),
    videoCodec: probe.videoCodec,
    width: probe.width,
    height: probe.height,
    stream: {
      videoCodec: probe.videoCodec,
      profile: probe.profile,
      width: probe.width,
      height: probe.height,
      fps: probe.fps,
      audioCodec: probe.audioCodec,
      dataStream: probe.dataStream,
    },
    recovered: params.recovered,
    recorderNode: params.recorderNode,
  }
}
