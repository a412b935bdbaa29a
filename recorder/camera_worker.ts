import { EventEmitter } from 'node:events'
import { mkdir, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { FfmpegCommand } from 'fluent-ffmpeg'
import type { FfmpegBinaries } from '#recorder/ffmpeg_binaries'
import { announcedOutput, type StreamInfo } from '#recorder/stream_info'
import { recordingCommand, segmentStartFromName } from '#recorder/ffmpeg_command'
import { settleSegment, type RecorderStore, type SegmentIndex } from '#recorder/segment_indexer'
import { nextBackoffMs } from '#recorder/backoff'
import { rtspAnswers } from '#recorder/rtsp_probe'
import { GAP_TOLERANCE_MS, RTSP_SOCKET_TIMEOUT_MS } from '#recorder/contract'

/** While waiting out a backoff longer than this, the camera is asked whether it is back. */
const COMEBACK_PROBE_MS = 500

/**
 * No stream progress for this long is a stall (checked every second: noticed by 8 s). A
 * Wi-Fi stutter of a few seconds stays under it; a camera that lost power is noticed within
 * the 10 s the operators were promised, whatever ffmpeg's own timeouts do.
 */
const STALL_MS = 7000

/**
 * Growth after this much silence must go on into the next check to count: when a stream
 * stops, ffmpeg flushes what its RTP reorder queue held once its socket times out (14 KB at
 * 2 Mbit/s, 5 s after the camera went away), which is not the camera being back.
 */
const LATE_FLUSH_SILENCE_MS = 2000

/** Until the first data arrives, progress is polled this often (recording again sooner). */
const FIRST_DATA_POLL_MS = 250

/** Growth of the open segment that counts as the stream flowing (22 MPEG-TS packets). */
const MIN_PROGRESS_BYTES = 4096

/** Progress is polled every second: an exit this much short of the socket timeout is still silence. */
const SILENCE_SLACK_MS = 1000

/** Wall clock moving this much more or less than elapsed time between two segments: a jump. */
export const CLOCK_JUMP_MS = 5000

export interface CameraConfig {
  id: number
  code: string
  /** With credentials put back: never log it. */
  url: string
  transport: 'tcp' | 'udp'
  /** How the camera's audio is recorded (see RecordingTarget.audio). */
  audio?: 'copy' | 'aac'
  /** The node whose lease ran out when this one took the camera over, if any. */
  takenFrom?: string | null
}

/** Where a node's ffmpeg writes a camera's open segments (one folder per node: shared disks). */
export function incomingDirFor(root: string, code: string, node: string) {
  return join(root, code, 'incoming', node.replace(/[^A-Za-z0-9_.-]/g, '_'))
}

export interface WorkerDeps {
  bin: FfmpegBinaries
  root: string
  store: RecorderStore
  index: SegmentIndex
  node: string
  segmentSeconds: number
  stallMs?: number
  log?: (message: string, detail?: Record<string, unknown>) => void
  /** The wall clock segment times come from (tests move it); Date.now by default. */
  clock?: () => number
}

export type WorkerState = 'connecting' | 'recording' | 'backoff' | 'stopped'
export type EndReason =
  | 'unreachable'
  | 'stalled'
  | 'ffmpeg_exit'
  | 'recorder_stopped'
  | 'crash_recovered'
  | 'disabled'
  | 'handed_over'
  | 'clock_jump'

/**
 * Records one camera: one ffmpeg child at a time, restarted with backoff after an exit, a
 * stall (no new data for 7 s, so that it is noticed within 8 s) or an unreachable camera. Each closed segment is settled
 * (moved, probed, hashed) and indexed; each continuous span is a run with its end reason.
 */
export class CameraWorker extends EventEmitter {
  state: WorkerState = 'stopped'
  lastSegmentAt: Date | null = null
  reconnects = 0
  stalls = 0

  #command?: FfmpegCommand
  #watchdog?: NodeJS.Timeout
  #retry?: NodeJS.Timeout
  #comeback?: NodeJS.Timeout
  #probing = false
  #stopping: EndReason | null = null
  #stalled = false
  #gotData = false
  #lastProgressAt = 0
  /** Growth seen after a silence, waiting for the next check to confirm it. */
  #burst = false
  #watching = false
  #lastSize = -1
  #lastFile: string | undefined
  #processStartedAt = 0
  #failures = 0
  #runId: number | null = null
  /** Start of the current run, kept in memory until the database has its row. */
  #runStartedAt: Date | null = null
  #runTag = ''
  /** What the probe read of this ffmpeg run's first segment (codec, profile, size, fps, audio). */
  #streamInfo: StreamInfo | null = null
  /** What this ffmpeg run's header says it writes (announcedOutput), once it has said it. */
  #announced: StreamInfo | null = null
  #pending: Promise<unknown> = Promise.resolve()
  /** Wall and monotonic time at the last segment closed, to notice the clock jumping. */
  #lastWall: number | null = null
  #lastMono = 0
  /**
   * Wall time of this ffmpeg run's media time zero (wall at a close − the segment's end in
   * media seconds), to date a segment whose close came late (see #onSegmentClosed).
   */
  #anchor: number | null = null
  #exited?: Promise<void>
  #lifecycle: Promise<void> = Promise.resolve()

  constructor(
    public config: CameraConfig,
    private deps: WorkerDeps
  ) {
    super()
  }

  get incomingDir() {
    return incomingDirFor(this.deps.root, this.config.code, this.deps.node)
  }

  start() {
    this.#stopping = null
    this.#lifecycle = this.#spawn()
  }

  /** Stops ffmpeg gracefully (it closes its current segment), then settles what is left. */
  async stop(reason: EndReason = 'recorder_stopped') {
    this.#stopping = reason
    this.#clearRetry()
    this.#command?.kill('SIGTERM')
    const killer = setTimeout(() => this.#command?.kill('SIGKILL'), 5000)
    // The whole current process lifecycle: exit, last segments settled, run closed.
    await this.#lifecycle
    clearTimeout(killer)
    this.#setState('stopped')
  }

  #setState(state: WorkerState) {
    if (this.state === state) return
    this.state = state
    this.emit('state', state)
  }

  async #spawn() {
    await mkdir(this.incomingDir, { recursive: true })
    this.#runTag = `r${Date.now()}`
    this.#stalled = false
    this.#gotData = false
    this.#lastSize = -1
    this.#lastFile = undefined
    this.#lastProgressAt = Date.now()
    this.#burst = false
    this.#processStartedAt = Date.now()
    this.#runId = null
    this.#runStartedAt = null
    this.#streamInfo = null
    this.#announced = null
    this.#lastWall = null
    this.#anchor = null
    this.#setState('connecting')

    const command = recordingCommand(this.deps.bin, {
      url: this.config.url,
      transport: this.config.transport,
      incomingDir: this.incomingDir,
      segmentSeconds: this.deps.segmentSeconds,
      runTag: this.#runTag,
      audio: this.config.audio,
    })
    this.#command = command
    let exitCode: number | null = null
    this.#exited = new Promise<void>((resolve) => {
      command.on('start', () => {
        let buffer = ''
        ;(command as any).ffmpegProc?.stdout?.on('data', (chunk: Buffer) => {
          buffer += chunk.toString()
          let newline = buffer.indexOf('\n')
          while (newline >= 0) {
            const line = buffer.slice(0, newline).trim()
            buffer = buffer.slice(newline + 1)
            if (line) this.#onSegmentClosed(line)
            newline = buffer.indexOf('\n')
          }
        })
      })
      let header: string | null = ''
      command.on('stderr', (line: string) => {
        if (header === null) return
        header += line + '\n'
        if (line.startsWith('Stream mapping:') || header.length > 32_768) {
          this.#announced = announcedOutput(header)
          header = null
        }
      })
      command.on('error', (error: Error) => {
        const match = /code (\d+)/.exec(error.message)
        exitCode = match ? Number(match[1]) : null
        resolve()
      })
      command.on('end', () => {
        exitCode = 0
        resolve()
      })
    })
    command.run()
    this.#watchdog = setInterval(() => void this.#watch(), 1000)
    const firstData = setInterval(() => {
      if (this.#gotData) clearInterval(firstData)
      else void this.#watch()
    }, FIRST_DATA_POLL_MS)
    await this.#exited
    clearInterval(this.#watchdog)
    clearInterval(firstData)
    await this.#afterExit(exitCode)
  }

  /** Progress is the newest incoming file growing; none for stallMs means stalled. */
  async #watch() {
    if (this.#watching) return
    this.#watching = true
    try {
      await this.#check()
    } finally {
      this.#watching = false
    }
  }

  async #check() {
    const names = await readdir(this.incomingDir).catch(() => [] as string[])
    const mine = names.filter((n) => n.startsWith(this.#runTag)).sort()
    const newest = mine.at(-1)
    const size = newest
      ? ((await stat(join(this.incomingDir, newest)).catch(() => null))?.size ?? 0)
      : 0
    const now = Date.now()
    // Progress is a new segment file or a few KB more in the current one. After a silence,
    // growth must go on into the next check (see LATE_FLUSH_SILENCE_MS): ffmpeg's flush of
    // a stopped stream must not count as the camera being back.
    const grew =
      size > 0 && (newest !== this.#lastFile || size - this.#lastSize >= MIN_PROGRESS_BYTES)
    if (grew) {
      const afterSilence = this.#gotData && now - this.#lastProgressAt >= LATE_FLUSH_SILENCE_MS
      const confirmed = !afterSilence || this.#burst
      this.#lastFile = newest
      this.#lastSize = size
      this.#burst = !confirmed
      if (confirmed) {
        this.#lastProgressAt = now
        if (!this.#gotData) {
          this.#gotData = true
          this.#setState('recording')
        }
      }
    } else {
      this.#burst = false
    }
    const silent = now - this.#lastProgressAt > (this.deps.stallMs ?? STALL_MS)
    if (silent && !this.#stalled && !this.#stopping) {
      this.#stalled = true
      this.stalls++
      // Noticed now; the restart follows once ffmpeg has exited and its tail is indexed.
      this.#setState('backoff')
      this.deps.log?.('stalled', { camera: this.config.code })
      this.#command?.kill('SIGKILL')
    }
  }

  #onSegmentClosed(line: string) {
    const [name, start, end] = line.split(',')
    const wall = (this.deps.clock ?? Date.now)()
    const mono = performance.now()
    if (this.#lastWall !== null) {
      const drift = wall - this.#lastWall - (mono - this.#lastMono)
      if (Math.abs(drift) > CLOCK_JUMP_MS) {
        this.#pending = this.#pending.then(() => this.#clockJumped(drift))
        // Media time no longer maps to the wall clock as before: take the new clock's word.
        this.#anchor = null
      }
    }
    this.#lastWall = wall
    this.#lastMono = mono
    // A segment ends when ffmpeg announces it, normally within a moment of its last frame.
    // But a camera that stops sending mid-segment makes ffmpeg (5.x) wait for its socket
    // timeout before it closes the segment: dated by that late close, the footage would seem
    // to run ~10 s past the outage. The media clock knows better: when the close comes later
    // than the run's media time says by more than the gap tolerance, the segment ends where
    // its media ends (the run's anchor + its end); small drift still follows the wall clock.
    const endMs = Number(end) * 1000
    const candidate = wall - endMs
    const late = this.#anchor !== null && candidate - this.#anchor > GAP_TOLERANCE_MS
    this.#anchor = late ? this.#anchor : candidate
    const closedAt = new Date(this.#anchor! + endMs)
    const durationMs = Math.max(0, Math.round((Number(end) - Number(start)) * 1000))
    this.#pending = this.#pending.then(() =>
      this.#settle(join(this.incomingDir, name), { endedAt: closedAt, durationMs }, false)
    )
  }

  async #settle(file: string, timing: { endedAt?: Date; durationMs?: number }, recovered: boolean) {
    const name = file.split('/').at(-1)!
    try {
      const row = await settleSegment({
        bin: this.deps.bin,
        root: this.deps.root,
        cameraId: this.config.id,
        cameraCode: this.config.code,
        file,
        startedAt: segmentStartFromName(name) ?? new Date(),
        durationMs: timing.durationMs,
        endedAt: timing.endedAt,
        runId: null,
        recovered,
        recorderNode: this.deps.node,
        // Known from ffmpeg's header or the run's first probe: then only a cheap check.
        streamInfo: recovered ? null : (this.#streamInfo ?? this.#announced),
      })
      if (!recovered) {
        if (!this.#streamInfo && row.stream?.dataStream && this.config.audio !== 'aac') {
          await this.#convertAudioFromNowOn()
        }
        this.#streamInfo ??= row.stream ?? null
      }
      row.runId = await this.#extendRun(row.startedAt, row.endedAt)
      await this.deps.index.insert(row)
      this.lastSegmentAt = row.endedAt
      await this.deps.store
        .rawQuery('update cameras set last_recorded_at = ? where id = ?', [
          row.endedAt,
          this.config.id,
        ])
        .catch(() => {})
      this.emit('segment', row)
    } catch (error) {
      this.deps.log?.('segment not indexed', { camera: this.config.code, error: String(error) })
      await this.#event('quarantine', String((error as Error).message))
    }
  }

  /**
   * The recorder's clock jumped (an NTP correction, someone setting the time): the run so far
   * ends here with that reason and the next segment starts a new one, so each run's times
   * stay consistent and no run ends before it began. ffmpeg keeps recording: nothing is lost.
   */
  async #clockJumped(driftMs: number) {
    this.deps.log?.('clock jumped', {
      camera: this.config.code,
      seconds: Math.round(driftMs / 1000),
    })
    await this.#event('clock_jump', `${Math.round(driftMs / 1000)} s`)
    if (this.#runId !== null) {
      await this.deps.store
        .rawQuery(`update recording_runs set end_reason = 'clock_jump' where id = ?`, [this.#runId])
        .catch(() => {})
    }
    this.#runId = null
    this.#runStartedAt = null
  }

  /**
   * The camera sends audio MPEG-TS cannot carry (G.711): copied, it became a data stream no
   * player reads. From now on it is converted to AAC (video still copied): the camera is
   * marked, and the supervisor's next pass restarts this camera's recording with it (a gap
   * of a second or two, once per camera).
   */
  async #convertAudioFromNowOn() {
    this.deps.log?.('audio converted to aac from now on', { camera: this.config.code })
    await this.deps.store
      .rawQuery('update cameras set audio_to_aac = true where id = ?', [this.config.id])
      .catch(() => {})
  }

  async #extendRun(startedAt: Date, endedAt: Date): Promise<number | null> {
    this.#runStartedAt ??= startedAt
    try {
      if (this.#runId === null) {
        // The run keeps what the camera sent: codec, profile, size, fps, audio.
        const info = this.#streamInfo
        const result = await this.deps.store.rawQuery(
          `insert into recording_runs (camera_id, started_at, ended_at, recorder_node,
             video_codec, video_profile, width, height, fps, audio_codec)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
          [
            this.config.id,
            this.#runStartedAt,
            endedAt,
            this.deps.node,
            info?.videoCodec ?? null,
            info?.profile ?? null,
            info?.width ?? null,
            info?.height ?? null,
            info?.fps ?? null,
            info?.audioCodec ?? null,
          ]
        )
        this.#runId = Number(result.rows[0].id)
      } else {
        await this.deps.store.rawQuery('update recording_runs set ended_at = ? where id = ?', [
          endedAt,
          this.#runId,
        ])
      }
      return this.#runId
    } catch {
      return this.#runId
    }
  }

  async #afterExit(exitCode: number | null) {
    // ffmpeg ≥ 5 gives up by itself after RTSP_SOCKET_TIMEOUT_MS of silence, usually before
    // the watchdog's stallMs: an exit after that long without progress is the same stall
    // (a frozen camera, a saturated Wi-Fi) once the run had footage; a process that never
    // got any stays "unreachable" (no route to the camera also waits out the timeout).
    const silentMs = Date.now() - this.#lastProgressAt
    if (
      this.#gotData &&
      !this.#stopping &&
      !this.#stalled &&
      silentMs >= RTSP_SOCKET_TIMEOUT_MS - SILENCE_SLACK_MS
    ) {
      this.#stalled = true
      this.stalls++
      this.deps.log?.('stalled', { camera: this.config.code, silentMs })
    }
    // Whatever ffmpeg did not announce (killed mid-segment) is settled as recovered footage.
    await this.#pending
    const names = await readdir(this.incomingDir).catch(() => [] as string[])
    for (const name of names
      .filter((n) => n.startsWith(this.#runTag) && n.endsWith('.ts'))
      .sort()) {
      this.#pending = this.#pending.then(() => this.#settle(join(this.incomingDir, name), {}, true))
    }
    await this.#pending

    // What ended it first wins: a stall the watchdog acted on before a stop was asked for
    // is still a stall.
    const reason: EndReason = this.#stalled
      ? 'stalled'
      : this.#stopping
        ? this.#stopping
        : !this.#gotData
          ? 'unreachable'
          : 'ffmpeg_exit'
    if (this.#runId !== null) {
      await this.deps.store
        .rawQuery('update recording_runs set end_reason = ?, exit_code = ? where id = ?', [
          reason,
          exitCode,
          this.#runId,
        ])
        .catch(() => {})
    }
    await this.#event(reason, exitCode === null ? null : `exit ${exitCode}`)
    if (this.#stopping) return

    const healthyMs = Date.now() - this.#processStartedAt
    this.#failures = this.#gotData && healthyMs >= 60_000 ? 1 : this.#failures + 1
    this.reconnects++
    const delay = nextBackoffMs(this.#failures)
    this.#setState('backoff')
    let woken = false
    const wake = () => {
      if (woken || this.#stopping) return
      woken = true
      this.#clearRetry()
      this.#lifecycle = this.#spawn()
    }
    this.#retry = setTimeout(wake, delay)
    // A long backoff must not keep a returned camera waiting: ask it (one RTSP DESCRIBE)
    // every second and restart as soon as it answers.
    if (delay > COMEBACK_PROBE_MS) {
      this.#comeback = setInterval(async () => {
        if (this.#probing) return
        this.#probing = true
        const back = await rtspAnswers(this.config.url).finally(() => (this.#probing = false))
        if (back) wake()
      }, COMEBACK_PROBE_MS)
    }
  }

  #clearRetry() {
    if (this.#retry) clearTimeout(this.#retry)
    if (this.#comeback) clearInterval(this.#comeback)
    this.#retry = undefined
    this.#comeback = undefined
  }

  async #event(kind: string, detail: string | null) {
    await this.deps.store
      .rawQuery(
        'insert into recorder_events (camera_id, kind, detail, recorder_node) values (?, ?, ?, ?)',
        [this.config.id, kind, detail, this.deps.node]
      )
      .catch(() => {})
  }
}
