import ffmpeg from 'fluent-ffmpeg'
import { access, mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import Camera from '#models/camera'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { withCredentials } from '#services/cameras/rtsp'
import { lastRecordedCodec } from '#services/footage/segments'
import {
  h264Args,
  needsRendition,
  RENDITION_HEIGHT,
  transcodeSlots,
  type ViewerCodec,
} from '#services/footage/viewing'
import { rtspInputOptions } from '#recorder/contract'

export type LiveVariant = 'main' | 'sub'
/** What a live stream is: the camera's stream copied, or the H.264 rendition of it. */
export type LiveKind = 'copy' | 'h264'

/** Segment files of each kind (the route accepts these two names only). */
export const LIVE_SEGMENT_PREFIX: Record<LiveKind, string> = { copy: 'seg', h264: 'h264' }

interface LiveStream {
  dir: string
  command: ffmpeg.FfmpegCommand
  lastAccess: number
  exited: boolean
  /** The camera's video codec as ffmpeg read it ('h264', 'hevc'), once known. */
  codec: string | null
  /** Gives the transcode slot back (renditions only). */
  release?: () => void
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
 *
 * When the camera sends a codec the viewer's browser cannot decode (H.265 in most
 * browsers), the viewer gets the H.264 rendition instead: one more ffmpeg per camera and
 * quality, shared by every such viewer, stopped the same way, and counted against the
 * transcode cap (`viewing.ts`). The codec is learnt from the copy's ffmpeg (or the last
 * recorded segment) and remembered.
 */
class LiveStreams {
  #streams = new Map<string, LiveStream>()
  #starting = new Map<string, Promise<LiveStream>>()
  #codecs = new Map<string, string>()
  #reaper: NodeJS.Timeout | null = null

  root() {
    return app.makePath('storage/live')
  }

  /**
   * The directory holding `index.m3u8` for a camera as this viewer can play it, started if
   * needed and waited for. Throws TranscodeBusyError when a rendition is needed and the cap
   * is reached.
   */
  async open(camera: Camera, variant: LiveVariant, decodes: ViewerCodec[] = ['h264']) {
    const source = `${camera.id}-${variant}`
    let codec = this.#codecs.get(source) ?? null
    if (!codec && (variant === 'main' || !camera.subStreamUrl)) {
      codec = await lastRecordedCodec(camera.id)
    }
    if (!codec) {
      // Not known yet: the copy tells (its ffmpeg prints the input's codec at once).
      const copy = await this.#ensure(camera, variant, 'copy')
      await this.#waitForPlaylist(copy)
      codec = copy.codec
    }
    const kind: LiveKind = needsRendition(codec, decodes) ? 'h264' : 'copy'
    const stream = await this.#ensure(camera, variant, kind)
    await this.#waitForPlaylist(stream)
    return { dir: stream.dir, kind, codec: stream.codec ?? codec }
  }

  async #ensure(camera: Camera, variant: LiveVariant, kind: LiveKind) {
    const key = streamKey(camera.id, variant, kind)
    let stream = this.#streams.get(key)
    if (!stream || stream.exited) {
      // Viewers arriving together share one start: one ffmpeg per camera, quality and kind.
      let starting = this.#starting.get(key)
      if (!starting) {
        starting = this.#start(camera, variant, kind).finally(() => this.#starting.delete(key))
        this.#starting.set(key, starting)
      }
      stream = await starting
    }
    stream.lastAccess = Date.now()
    return stream
  }

  /** Marks a stream as still watched (each segment request); its directory, if running. */
  touch(cameraId: number, variant: LiveVariant, kind: LiveKind = 'copy') {
    const stream = this.#streams.get(streamKey(cameraId, variant, kind))
    if (stream) stream.lastAccess = Date.now()
    return stream?.dir ?? null
  }

  async #start(camera: Camera, variant: LiveVariant, kind: LiveKind) {
    const release = kind === 'h264' ? await transcodeSlots.take() : undefined
    try {
      return await this.#spawn(camera, variant, kind, release)
    } catch (error) {
      release?.()
      throw error
    }
  }

  async #spawn(camera: Camera, variant: LiveVariant, kind: LiveKind, release?: () => void) {
    const key = streamKey(camera.id, variant, kind)
    const bin = await detectFfmpeg()
    const source =
      variant === 'sub' && camera.subStreamUrl ? camera.subStreamUrl : camera.mainStreamUrl
    if (!source) throw new Error('camera has no stream')
    const { username, password } = camera.credentials()
    const dir = join(this.root(), key)
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir, { recursive: true })
    const video = kind === 'copy' ? ['-c:v', 'copy'] : h264Args(RENDITION_HEIGHT[variant])
    const command = ffmpeg(withCredentials(source, username, password))
      .setFfmpegPath(bin.ffmpeg)
      .inputOptions([
        '-hide_banner',
        '-nostdin',
        '-nostats',
        // "info" so the input's codec is printed (read below); segments are not logged.
        '-loglevel',
        'info',
        ...rtspInputOptions(bin, camera.rtspTransport),
      ])
      .outputOptions([
        '-map',
        '0:v',
        ...video,
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
        join(dir, `${LIVE_SEGMENT_PREFIX[kind]}_%05d.ts`),
      ])
      .output(join(dir, 'index.m3u8'))
    const stream: LiveStream = {
      dir,
      command,
      lastAccess: Date.now(),
      exited: false,
      codec: null,
      release,
    }
    const ended = () => {
      stream.exited = true
      stream.release?.()
      if (this.#streams.get(key) === stream) this.#streams.delete(key)
    }
    command.on('codecData', (data: { video?: string }) => {
      const codec = data.video?.split(' ')[0] || null
      stream.codec = codec
      if (codec) this.#codecs.set(`${camera.id}-${variant}`, codec)
    })
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
    stream.release?.()
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

  /** The streams running now, by kind (tests, health). */
  kinds() {
    return [...this.#streams.keys()].map((key) => key.split('-').at(-1) as LiveKind)
  }
}

function streamKey(cameraId: number, variant: LiveVariant, kind: LiveKind) {
  return `${cameraId}-${variant}-${kind}`
}

const liveStreams = new LiveStreams()
export default liveStreams
