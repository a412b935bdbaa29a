import ffmpeg from 'fluent-ffmpeg'
import { access, mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import Camera from '#models/camera'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { withCredentials } from '#services/cameras/rtsp'

export type LiveVariant = 'main' | 'sub'

interface LiveStream {
  dir: string
  command: ffmpeg.FfmpegCommand
  lastAccess: number
  exited: boolean
}

/** A viewer that stops asking for this long stops its stream (and its ffmpeg). */
const IDLE_MS = 30_000
/** How long a first viewer waits for the first live segment before giving up. */
const START_TIMEOUT_MS = 20_000

/**
 * Live view without a media server: on the first request for a camera's live playlist, the
 * web process starts one ffmpeg that copies the camera's stream (sub stream for grids) into
 * short HLS segments (1 s target, 6 kept) under storage/live; every viewer of that camera
 * shares it; 30 s after the last request it is stopped. Stream copy, so a viewer costs no
 * decoding on the server; latency is a few segments (a few seconds).
 */
class LiveStreams {
  #streams = new Map<string, LiveStream>()
  #starting = new Map<string, Promise<LiveStream>>()
  #reaper: NodeJS.Timeout | null = null

  root() {
    return app.makePath('storage/live')
  }

  /** The directory holding `index.m3u8` for a camera, started if needed and waited for. */
  async open(camera: Camera, variant: LiveVariant): Promise<string> {
    const key = `${camera.id}-${variant}`
    let stream = this.#streams.get(key)
    if (!stream || stream.exited) {
      // Viewers arriving together share one start: one ffmpeg per camera and quality.
      let starting = this.#starting.get(key)
      if (!starting) {
        starting = this.#start(camera, variant, key).finally(() => this.#starting.delete(key))
        this.#starting.set(key, starting)
      }
      stream = await starting
    }
    stream.lastAccess = Date.now()
    await this.#waitForPlaylist(stream)
    return stream.dir
  }

  /** Marks a stream as still watched (each segment request). */
  touch(cameraId: number, variant: LiveVariant) {
    const stream = this.#streams.get(`${cameraId}-${variant}`)
    if (stream) stream.lastAccess = Date.now()
    return stream?.dir ?? null
  }

  async #start(camera: Camera, variant: LiveVariant, key: string) {
    const bin = await detectFfmpeg()
    const source =
      variant === 'sub' && camera.subStreamUrl ? camera.subStreamUrl : camera.mainStreamUrl
    if (!source) throw new Error('camera has no stream')
    const { username, password } = camera.credentials()
    const dir = join(this.root(), key)
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir, { recursive: true })
    const command = ffmpeg(withCredentials(source, username, password))
      .setFfmpegPath(bin.ffmpeg)
      .inputOptions([
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        '-rtsp_transport',
        camera.rtspTransport,
        bin.rtspTimeoutOption,
        '5000000',
      ])
      .outputOptions([
        '-map',
        '0:v',
        '-c:v',
        'copy',
        '-an',
        '-f',
        'hls',
        '-hls_time',
        '1',
        '-hls_list_size',
        '6',
        '-hls_flags',
        'delete_segments+omit_endlist',
        '-hls_segment_filename',
        join(dir, 'seg_%05d.ts'),
      ])
      .output(join(dir, 'index.m3u8'))
    const stream: LiveStream = { dir, command, lastAccess: Date.now(), exited: false }
    const ended = () => {
      stream.exited = true
      if (this.#streams.get(key) === stream) this.#streams.delete(key)
    }
    command.on('error', ended).on('end', ended)
    command.run()
    this.#streams.set(key, stream)
    this.#reaper ??= setInterval(() => this.#reap(), 5_000).unref()
    return stream
  }

  async #waitForPlaylist(stream: LiveStream) {
    const deadline = Date.now() + START_TIMEOUT_MS
    while (Date.now() < deadline) {
      if (stream.exited) throw new Error('live stream ended')
      try {
        await access(join(stream.dir, 'index.m3u8'))
        return
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }
    throw new Error('live stream did not start')
  }

  #reap() {
    for (const [key, stream] of this.#streams) {
      if (Date.now() - stream.lastAccess > IDLE_MS) this.#stop(key, stream)
    }
  }

  #stop(key: string, stream: LiveStream) {
    this.#streams.delete(key)
    stream.command.kill('SIGTERM')
    void rm(stream.dir, { recursive: true, force: true }).catch(() => {})
  }

  /** Stops every stream (shutdown, tests). */
  stopAll() {
    for (const [key, stream] of this.#streams) this.#stop(key, stream)
    if (this.#reaper) clearInterval(this.#reaper)
    this.#reaper = null
  }

  get running() {
    return this.#streams.size
  }
}

const liveStreams = new LiveStreams()
export default liveStreams
