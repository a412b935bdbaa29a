import { spawn, type ChildProcess, execFile } from 'node:child_process'
import { access, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import RtspServer from 'rtsp-streaming-server'
import dgram from 'node:dgram'
import type { FfmpegBinaries } from '#recorder/ffmpeg_binaries'
import { SimulatedSdCards } from '#recorder/simulator_card'

const run = promisify(execFile)

export interface SimulatorOptions {
  bin: FfmpegBinaries
  /** Where the looped test clip is kept (encoded once). */
  workDir: string
  count: number
  publishPort?: number
  clientPort?: number
  rtpPortStart?: number
  /** Also serve the cameras' SD cards for replay (see simulator_card.ts). */
  sdCards?: boolean
  /** What the cameras stream (default: 640×360, 15 fps, H.264, a keyframe a second). */
  clip?: ClipOptions
}

export interface ClipOptions {
  /** h265 as most cameras sold in Vietnam stream by default (libx265). */
  codec?: 'h264' | 'h265'
  /** e.g. "1920x1080". */
  size?: string
  fps?: number
  /** kbit/s; unset: the encoder's default quality. */
  bitrate?: number
  /** Seconds between keyframes. */
  gopSeconds?: number
  /** 'g711': a tone as G.711 A-law, 8 kHz mono, as Hikvision and Dahua cameras send. */
  audio?: 'g711' | null
}

/** The encoder arguments of a clip: constant keyframe interval, no B-frames, like a camera. */
export function clipEncoderArgs(
  clip: Required<Omit<ClipOptions, 'bitrate' | 'audio'>> & ClipOptions
) {
  const gop = Math.max(1, Math.round(clip.fps * clip.gopSeconds))
  const rate = clip.bitrate
    ? [
        '-b:v',
        `${clip.bitrate}k`,
        '-maxrate',
        `${clip.bitrate}k`,
        '-bufsize',
        `${clip.bitrate * 2}k`,
      ]
    : []
  if (clip.codec === 'h265') {
    return [
      '-c:v',
      'libx265',
      '-preset',
      'veryfast',
      '-x265-params',
      `keyint=${gop}:min-keyint=${gop}:bframes=0:scenecut=0:log-level=error`,
      '-tag:v',
      'hvc1',
      ...rate,
    ]
  }
  return ['-c:v', 'libx264', '-preset', 'veryfast', '-g', String(gop), '-bf', '0', ...rate]
}

/**
 * Simulated IP cameras on loopback: an RTSP server (npm rtsp-streaming-server, RTP over
 * UDP) and one ffmpeg per camera publishing a pre-encoded looped clip with stream copy, so
 * N cameras cost almost no CPU. Tests script outages with `drop`, `stall` and `restore`.
 */
const RTP_PORT_COUNT = 2000

/**
 * UDP sockets created in this process since a simulator first started: the RTSP library
 * opens them per client and, when a client's SETUP fails half-way, never closes them, which
 * would keep the process alive. Installed once; a stopping simulator unrefs them.
 */
const udpSockets = new Set<import('node:dgram').Socket>()
let tracking = false
function trackUdpSockets() {
  if (tracking) return
  tracking = true
  const original = dgram.createSocket
  ;(dgram as any).createSocket = function (...args: any[]) {
    const socket = (original as any).apply(dgram, args)
    udpSockets.add(socket)
    socket.once('close', () => udpSockets.delete(socket))
    return socket
  }
}

export class CameraSimulator {
  #server?: any
  #publishers = new Map<number, ChildProcess>()
  #clip = ''
  /** The cameras' SD cards, when asked for. */
  cards?: SimulatedSdCards
  readonly publishPort: number
  readonly clientPort: number

  constructor(private options: SimulatorOptions) {
    this.publishPort = options.publishPort ?? 25554
    this.clientPort = options.clientPort ?? 26554
  }

  /** The URL a recorder reads camera `n` (1-based) from. */
  url(n: number) {
    return `rtsp://127.0.0.1:${this.clientPort}/cam${n}`
  }

  async start() {
    await mkdir(this.options.workDir, { recursive: true })
    const clip = {
      codec: this.options.clip?.codec ?? 'h264',
      size: this.options.clip?.size ?? '640x360',
      fps: this.options.clip?.fps ?? 15,
      gopSeconds: this.options.clip?.gopSeconds ?? 1,
      bitrate: this.options.clip?.bitrate,
    }
    const name =
      clip.codec === 'h264' && clip.size === '640x360' && clip.fps === 15 && !clip.bitrate
        ? 'simulated-camera-640x360-15fps.mp4'
        : `simulated-camera-${clip.codec}-${clip.size}-${clip.fps}fps-${clip.bitrate ?? 'q'}k-g${clip.gopSeconds}${clip.bitrate ? '-noisy' : ''}.mp4`
    this.#clip = join(this.options.workDir, name)
    const exists = await access(this.#clip).then(
      () => true,
      () => false
    )
    if (!exists) {
      // 10 s of test pattern with a running clock, no B-frames, keyframes at a fixed interval.
      await run(this.options.bin.ffmpeg, [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        // At a chosen bitrate the pattern carries sensor-like noise, so the stream really
        // uses its bitrate (a clean pattern compresses to a fraction of it) and decoding or
        // re-encoding it costs what a real camera's stream costs.
        `testsrc=size=${clip.size}:rate=${clip.fps}${clip.bitrate ? ',noise=alls=12:allf=t' : ''}`,
        '-t',
        '10',
        ...clipEncoderArgs(clip),
        '-pix_fmt',
        'yuv420p',
        this.#clip,
      ])
    }
    const Server = (RtspServer as any).default ?? RtspServer
    this.#server = new Server({
      serverPort: this.publishPort,
      clientPort: this.clientPort,
      rtpPortStart: this.options.rtpPortStart ?? 30000,
      rtpPortCount: RTP_PORT_COUNT,
    })
    // UDP sockets the server opens for its clients: a client whose SETUP fails half-way
    // (the library then never closes them) would otherwise keep this process alive.
    trackUdpSockets()
    await this.#server.start()
    for (let n = 1; n <= this.options.count; n++) this.restore(n)
    // Every camera is on the air before anyone is told the simulator is up: a recorder
    // asking for a mount its publisher has not announced yet is refused (and, in the
    // library, leaves that client's sockets open).
    await this.#mountsAnnounced()
    if (this.options.sdCards) {
      this.cards = new SimulatedSdCards({
        ffmpeg: this.options.bin.ffmpeg,
        clip: this.#clip,
        clipSeconds: 10,
      })
      await this.cards.start()
    }
  }

  /**
   * (Re)starts camera n's stream with a fresh publishing session (a frozen publisher's
   * session may have timed out on the server meanwhile).
   */
  restore(n: number) {
    const current = this.#publishers.get(n)
    if (current) {
      current.kill('SIGCONT')
      current.kill('SIGKILL')
      this.#publishers.delete(n)
      this.#server?.Mounts?.deleteMount(`rtsp://127.0.0.1:${this.publishPort}/cam${n}`)
    }
    const child = spawn(
      this.options.bin.ffmpeg,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-nostdin',
        '-re',
        '-stream_loop',
        '-1',
        '-i',
        this.#clip,
        ...(this.options.clip?.audio === 'g711'
          ? [
              '-re',
              '-f',
              'lavfi',
              '-i',
              'sine=frequency=440:sample_rate=8000',
              '-map',
              '0:v',
              '-map',
              '1:a',
              '-c:v',
              'copy',
              '-c:a',
              'pcm_alaw',
              '-ac',
              '1',
            ]
          : ['-c', 'copy']),
        '-f',
        'rtsp',
        '-rtsp_transport',
        'udp',
        `rtsp://127.0.0.1:${this.publishPort}/cam${n}`,
      ],
      { stdio: 'ignore' }
    )
    this.#publishers.set(n, child)
  }

  /**
   * Camera n goes away (power cut at the household): its publisher dies and the server
   * forgets the stream, as a real camera's RTSP server would be gone.
   */
  drop(n: number) {
    this.#publishers.get(n)?.kill('SIGKILL')
    this.#publishers.delete(n)
    this.#server?.Mounts?.deleteMount(`rtsp://127.0.0.1:${this.publishPort}/cam${n}`)
  }

  async #mountsAnnounced(timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs
    const missing = () =>
      Array.from({ length: this.options.count }, (_, i) => `/cam${i + 1}`).filter(
        (path) => !this.#server?.Mounts?.mounts?.[path]
      )
    while (missing().length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  /** Camera n stays connected but sends nothing (a frozen camera or a saturated Wi-Fi). */
  stall(n: number) {
    this.#publishers.get(n)?.kill('SIGSTOP')
  }

  /** Camera n sends again on the same session after a stall (a Wi-Fi stutter that passed). */
  resume(n: number) {
    this.#publishers.get(n)?.kill('SIGCONT')
  }

  async stop() {
    await this.cards?.stop()
    for (const child of this.#publishers.values()) {
      child.kill('SIGCONT')
      child.kill('SIGKILL')
    }
    this.#publishers.clear()
    // Close every mount (its RTP sockets and clients) and both RTSP listeners, so nothing
    // keeps the process alive.
    const mounts = this.#server?.Mounts?.mounts ?? {}
    for (const mount of Object.values(mounts) as any[]) {
      // close() is async and rejects for a socket already gone: never an unhandled rejection.
      await Promise.resolve()
        .then(() => mount?.close())
        .catch(() => {})
    }
    this.#server?.PublishServer?.server?.close()
    this.#server?.ClientServer?.server?.close()
    // Sockets the library left open (a client whose SETUP failed half-way) must not keep
    // the process alive. Unref'd, not closed: closing one the library still closes itself
    // makes it reject unhandled, and another simulator's sockets may be among them.
    for (const socket of udpSockets) {
      try {
        socket.unref()
      } catch {}
    }
  }
}
