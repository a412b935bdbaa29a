import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import ffmpeg, { type FfmpegCommand } from 'fluent-ffmpeg'
import type { FfmpegBinaries } from '#recorder/ffmpeg_binaries'
import { mpegtsSegmentOptions } from '#recorder/ffmpeg_command'
import { settleSegment, type RecorderStore, type SegmentIndex } from '#recorder/segment_indexer'
import { ReplayProxy } from '#recorder/replay_proxy'
import {
  CARD_REPLAY_SOCKET_TIMEOUT_MS,
  GAP_TOLERANCE_MS,
  rtspInputOptions,
} from '#recorder/contract'

/** Holes shorter than this are jitter between segments, not missing footage. */

/** Attempts before a window that keeps failing (camera unreachable…) is given up. */
export const MAX_ATTEMPTS = 6

/** How a camera is asked for a window of its SD card. */
export interface ReplaySource {
  /** RTSP URL of the replay, credentials included (never logged). */
  url: string
  /** ONVIF Profile G: the window goes in PLAY's `Range: clock=` (camera clock). */
  clockRange?: { from: Date; to: Date }
  /** Camera clock minus ours (the camera's card is in its own time). */
  clockOffsetMs: number
}

export interface RecoveryJob {
  id: number
  cameraId: number
  from: Date
  to: Date
  attempts: number
  recoveredMs: number
}

export interface EdgeRecoveryDeps {
  bin: FfmpegBinaries
  root: string
  store: RecorderStore
  index: SegmentIndex
  node: string
  segmentSeconds: number
  /** Camera code and how to ask it for [from, to) in our time; null source: no edge storage. */
  replaySource: (
    cameraId: number,
    window: { from: Date; to: Date }
  ) => Promise<{ code: string; source: ReplaySource | null }>
  /** Pull rate limit, bytes per second (0: none); read before each window. */
  bytesPerSecond: () => Promise<number>
  log?: (message: string, detail?: Record<string, unknown>) => void
}

export interface HoleResult {
  recoveredMs: number
  /** Bytes read from the camera (what the rate limit caps). */
  bytes: number
  /** The camera answered that it has nothing (more) for the window. */
  notOnCard: boolean
  /** A failure worth retrying (camera unreachable, stream broke off). */
  error: string | null
}

/**
 * Queues a recovery for every gap closed in the last `hours` on cameras with edge storage:
 * the time between a recording run's end and the next run's start (the camera came back),
 * one job per window, never twice (unique camera + window).
 */
export async function enqueueClosedGaps(store: RecorderStore, hours = 48): Promise<number> {
  const result = await store.rawQuery(
    `WITH r AS (
       SELECT rr.camera_id, rr.started_at,
              max(rr.ended_at) OVER (PARTITION BY rr.camera_id ORDER BY rr.started_at
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
         FROM recording_runs rr JOIN cameras c ON c.id = rr.camera_id
        WHERE c.edge_storage <> 'none' AND rr.started_at > now() - make_interval(hours => ?)
     )
     INSERT INTO edge_recoveries (camera_id, window_from, window_to, trigger)
     SELECT camera_id, prev_end, started_at, 'gap_closed' FROM r
      WHERE prev_end IS NOT NULL AND started_at - prev_end > interval '5 seconds'
        AND NOT EXISTS (SELECT 1 FROM edge_recoveries e WHERE e.camera_id = r.camera_id
                          AND e.window_from <= r.prev_end AND e.window_to >= r.started_at)
     ON CONFLICT (camera_id, window_from, window_to) DO NOTHING`,
    [hours]
  )
  return result.rowCount ?? 0
}

/** The next job due, taken by this node (two nodes never take the same one). */
export async function claimRecovery(
  store: RecorderStore,
  node: string
): Promise<RecoveryJob | null> {
  const result = await store.rawQuery(
    `UPDATE edge_recoveries SET status = 'running', attempts = attempts + 1,
            started_at = now(), recorder_node = ?
      WHERE id = (SELECT id FROM edge_recoveries
                   WHERE status = 'pending' AND next_attempt_at <= now()
                   ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, camera_id, window_from, window_to, attempts, recovered_ms`,
    [node]
  )
  const row = result.rows[0]
  return row
    ? {
        id: Number(row.id),
        cameraId: row.camera_id,
        from: new Date(row.window_from),
        to: new Date(row.window_to),
        attempts: row.attempts,
        recoveredMs: row.recovered_ms,
      }
    : null
}

/** The parts of [from, to) with no segment at all (recorded or recovered). */
export async function missingWindows(
  store: RecorderStore,
  cameraId: number,
  from: Date,
  to: Date
): Promise<{ from: Date; to: Date }[]> {
  const result = await store.rawQuery(
    `SELECT started_at, ended_at FROM recording_segments
      WHERE camera_id = ? AND started_at < ? AND ended_at > ?
        AND started_at >= ?::timestamptz - interval '1 hour'
      ORDER BY started_at`,
    [cameraId, to, from, from]
  )
  const holes: { from: Date; to: Date }[] = []
  let cursor = from.getTime()
  for (const row of result.rows) {
    const start = new Date(row.started_at).getTime()
    if (start - cursor > GAP_TOLERANCE_MS)
      holes.push({ from: new Date(cursor), to: new Date(start) })
    cursor = Math.max(cursor, new Date(row.ended_at).getTime())
  }
  if (to.getTime() - cursor > GAP_TOLERANCE_MS) holes.push({ from: new Date(cursor), to })
  return holes
}

const total = (windows: { from: Date; to: Date }[]) =>
  windows.reduce((s, w) => s + (w.to.getTime() - w.from.getTime()), 0)

/** Backoff between attempts: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number) {
  return Math.min(3600_000, 60_000 * 2 ** Math.max(0, attempts - 1))
}

/**
 * One attempt at a job: works out what is still missing in its window (so nothing already
 * recorded or recovered is fetched twice), asks the camera for each hole, indexes what
 * comes back as recovered segments and records the outcome: done, partial (the card lacked
 * some), not_on_card, or pending again with backoff after a failure (failed after
 * MAX_ATTEMPTS).
 */
export async function runRecovery(deps: EdgeRecoveryDeps, job: RecoveryJob, signal?: AbortSignal) {
  const holes = await missingWindows(deps.store, job.cameraId, job.from, job.to)
  const missingBefore = total(holes)
  let recovered = 0
  let bytes = 0
  let notOnCard = false
  let error: string | null = null
  if (holes.length) {
    const { code, source } = await deps.replaySource(job.cameraId, job)
    if (!source) error = 'camera has no edge storage'
    for (const hole of source ? holes : []) {
      if (signal?.aborted) break
      const result = await pullHole(deps, { job, code, source: source!, hole, signal }).catch(
        (e) => ({
          recoveredMs: 0,
          bytes: 0,
          notOnCard: false,
          error: String((e as Error).message ?? e),
        })
      )
      recovered += result.recoveredMs
      bytes += result.bytes
      notOnCard ||= result.notOnCard
      error ??= result.error
    }
  }
  const stillMissing = total(await missingWindows(deps.store, job.cameraId, job.from, job.to))
  const retry = error !== null && !signal?.aborted && job.attempts < MAX_ATTEMPTS
  const status = signal?.aborted
    ? 'pending'
    : stillMissing === 0
      ? 'done'
      : retry
        ? 'pending'
        : error !== null && !notOnCard
          ? 'failed'
          : job.recoveredMs + recovered > 0
            ? 'partial'
            : 'not_on_card'
  await deps.store.rawQuery(
    `UPDATE edge_recoveries SET status = ?, recovered_ms = recovered_ms + ?, still_missing_ms = ?,
            missing_ms = coalesce(missing_ms, ?), last_error = ?, finished_at = now(),
            next_attempt_at = now() + make_interval(secs => ?)
      WHERE id = ?`,
    [
      status,
      recovered,
      stillMissing,
      missingBefore,
      error,
      status === 'pending' && !signal?.aborted ? retryDelayMs(job.attempts) / 1000 : 0,
      job.id,
    ]
  )
  deps.log?.('edge recovery', {
    job: job.id,
    status,
    recoveredSeconds: recovered / 1000,
    stillMissingSeconds: stillMissing / 1000,
  })
  return { status, recoveredMs: recovered, stillMissingMs: stillMissing, bytes, error }
}

/** The camera's replay URL pointed at a loopback proxy instead (userinfo and path kept). */
export function throughProxy(url: string, port: number) {
  const match = /^rtsp:\/\/([^@/]*@)?([^/:?]+|\[[^\]]+\])(?::(\d+))?(.*)$/i.exec(url)
  if (!match) throw new Error('replay URL is not rtsp://')
  const [, userinfo = '', host, cameraPort = '554', rest] = match
  return {
    url: `rtsp://${userinfo}127.0.0.1:${port}${rest}`,
    host: host.replace(/^\[|\]$/g, ''),
    port: Number(cameraPort),
  }
}

/** Pulls one hole through the rate-limited proxy into recovered segments. */
async function pullHole(
  deps: EdgeRecoveryDeps,
  params: {
    job: RecoveryJob
    code: string
    source: ReplaySource
    hole: { from: Date; to: Date }
    signal?: AbortSignal
  }
): Promise<HoleResult> {
  const { job, code, source, hole } = params
  const target = throughProxy(source.url, 0)
  const proxy = new ReplayProxy({
    host: target.host,
    port: target.port,
    bytesPerSecond: await deps.bytesPerSecond(),
    clockRange: source.clockRange,
  })
  await proxy.start()
  const dir = join(deps.root, code, 'incoming', `edge-${deps.node.replace(/[^\w.-]/g, '_')}`)
  await mkdir(dir, { recursive: true })
  const tag = `e${job.id}a${job.attempts}_${hole.from.getTime()}`
  const seconds = (hole.to.getTime() - hole.from.getTime()) / 1000
  const listed: { name: string; start: number; end: number }[] = []
  let exitCode = 0
  try {
    const command = replayCommand(deps, throughProxy(source.url, proxy.port).url, dir, tag, seconds)
    await new Promise<void>((resolve) => {
      const abort = () => command.kill('SIGKILL')
      params.signal?.addEventListener('abort', abort, { once: true })
      command.on('start', () => {
        let buffer = ''
        ;(command as any).ffmpegProc?.stdout?.on('data', (chunk: Buffer) => {
          buffer += chunk.toString()
          for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
            const [name, start, end] = buffer.slice(0, nl).trim().split(',')
            buffer = buffer.slice(nl + 1)
            if (name) listed.push({ name, start: Number(start), end: Number(end) })
          }
        })
      })
      command.on('error', (e: Error) => {
        exitCode = Number(/code (\d+)/.exec(e.message)?.[1] ?? 1)
        params.signal?.removeEventListener('abort', abort)
        resolve()
      })
      command.on('end', () => {
        params.signal?.removeEventListener('abort', abort)
        resolve()
      })
      command.run()
    })
  } finally {
    await proxy.stop()
  }

  // Where the camera says the footage it sent starts (its clock), else where we asked.
  const base = proxy.playingFrom
    ? proxy.playingFrom.getTime() - source.clockOffsetMs
    : hole.from.getTime()
  const first = listed[0]?.start ?? 0
  let recoveredMs = 0
  for (const [k, segment] of listed.entries()) {
    // A segment's listed end can run a packet past the next one's start: never overlap.
    segment.end = Math.min(segment.end, listed[k + 1]?.start ?? segment.end)
    const file = join(dir, segment.name)
    const start = Math.max(hole.from.getTime(), Math.round(base + (segment.start - first) * 1000))
    const end = Math.min(hole.to.getTime(), Math.round(base + (segment.end - first) * 1000))
    if (end - start < 200) {
      await rm(file, { force: true })
      continue
    }
    try {
      const row = await settleSegment({
        bin: deps.bin,
        root: deps.root,
        cameraId: job.cameraId,
        cameraCode: code,
        file,
        startedAt: new Date(start),
        endedAt: new Date(end),
        durationMs: end - start,
        runId: null,
        recovered: true,
        recorderNode: deps.node,
      })
      await deps.index.insert({ ...row, edgeRecoveryId: job.id })
      recoveredMs += row.durationMs
    } catch (error) {
      deps.log?.('recovered segment quarantined', { camera: code, error: String(error) })
    }
  }
  // Whatever ffmpeg left unannounced (killed) is dropped: the next attempt fetches it again.
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith(tag)) await rm(join(dir, name), { force: true })
  }

  const refused = proxy.refusedWith
  const notOnCard = refused === 404 || refused === 454 || refused === 457
  const error =
    notOnCard || (exitCode === 0 && listed.length > 0) || params.signal?.aborted
      ? null
      : refused
        ? `camera answered ${refused}`
        : proxy.connectError
          ? `camera unreachable: ${proxy.connectError}`
          : `replay ended with exit ${exitCode}`
  // A replay that ended cleanly short of the window: the card had no more.
  return {
    recoveredMs,
    bytes: proxy.bytes,
    notOnCard: notOnCard || (error === null && recoveredMs > 0),
    error,
  }
}

/** ffmpeg reading the replay over TCP into segments like the live ones (stream copy). */
function replayCommand(
  deps: EdgeRecoveryDeps,
  url: string,
  dir: string,
  tag: string,
  seconds: number
): FfmpegCommand {
  return ffmpeg(url)
    .setFfmpegPath(deps.bin.ffmpeg)
    .inputOptions([
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'warning',
      ...rtspInputOptions(deps.bin, 'tcp', CARD_REPLAY_SOCKET_TIMEOUT_MS),
      '-fflags',
      '+genpts+discardcorrupt',
    ])
    .outputOptions(['-map', '0:v?', '-map', '0:a?', '-c', 'copy', '-t', seconds.toFixed(3)])
    .outputOptions(mpegtsSegmentOptions(deps.segmentSeconds))
    .output(join(dir, `${tag}_%05d.ts`))
}

/**
 * The recorder's recovery loop: queues closed gaps, then works through due jobs one at a
 * time (a replay competes with live streams for the link; one at a time keeps it gentle).
 * At start, jobs this node left running (a crash or power cut) go back to the queue.
 */
export class EdgeRecoveryRunner {
  #timer?: NodeJS.Timeout
  #busy: Promise<void> | null = null
  #abort = new AbortController()

  constructor(
    private deps: EdgeRecoveryDeps,
    private pollMs = 10_000
  ) {}

  async start() {
    await this.deps.store
      .rawQuery(
        `UPDATE edge_recoveries SET status = 'pending', next_attempt_at = now()
          WHERE status = 'running' AND recorder_node = ?`,
        [this.deps.node]
      )
      .catch(() => {})
    this.#timer = setInterval(() => void this.tick(), this.pollMs)
  }

  async stop() {
    if (this.#timer) clearInterval(this.#timer)
    this.#abort.abort()
    await this.#busy
  }

  /** One pass: queue closed gaps, then run due jobs until none is left. */
  tick(): Promise<void> {
    if (this.#busy) return this.#busy
    this.#busy = (async () => {
      try {
        await enqueueClosedGaps(this.deps.store)
        for (;;) {
          if (this.#abort.signal.aborted) break
          const job = await claimRecovery(this.deps.store, this.deps.node)
          if (!job) break
          await runRecovery(this.deps, job, this.#abort.signal).catch(async (error) => {
            this.deps.log?.('edge recovery failed', { job: job.id, error: String(error) })
            await this.deps.store
              .rawQuery(
                `UPDATE edge_recoveries SET status = 'pending', last_error = ?,
                        next_attempt_at = now() + make_interval(secs => ?) WHERE id = ?`,
                [String(error), retryDelayMs(job.attempts) / 1000, job.id]
              )
              .catch(() => {})
          })
        }
      } catch (error) {
        this.deps.log?.('edge recovery failed', { error: String(error) })
      } finally {
        this.#busy = null
      }
    })()
    return this.#busy
  }
}
