import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import ffmpeg from 'fluent-ffmpeg'

const run = promisify(execFile)
const require = createRequire(import.meta.url)

export interface FfmpegBinaries {
  ffmpeg: string
  ffprobe: string
  /** Where the binaries came from: FFMPEG_PATH or npm's bundle. */
  source: BinarySource
  /** First line of `ffmpeg -version`. */
  version: string
  /**
   * The RTSP socket-timeout option of this build: `-stimeout` up to ffmpeg 4.x, `-timeout`
   * from 5.0 (where 4.x's `-timeout` meant something else: a listen timeout).
   */
  rtspTimeoutOption: '-stimeout' | '-timeout'
}

export type BinarySource = 'env' | 'bundled'

/**
 * Which ffmpeg and ffprobe run: FFMPEG_PATH / FFPROBE_PATH when set (e.g. Debian's 5.1:
 * `FFMPEG_PATH=/usr/bin/ffmpeg`, with the ffprobe beside it), else the binaries bundled
 * through npm, so a fresh clone works with no install. An ffmpeg on the PATH is not taken
 * by itself: on a clean run with Debian's 5.1 the recorder noticed a dropped camera ~10 s
 * late and missed a frozen one, so it is not the default until that is understood.
 */
export function binaryPaths(env: NodeJS.ProcessEnv = process.env) {
  const bundledFfprobe = () => require('@ffprobe-installer/ffprobe').path as string
  if (env.FFMPEG_PATH) {
    const beside = join(dirname(env.FFMPEG_PATH), 'ffprobe')
    return {
      ffmpeg: env.FFMPEG_PATH,
      ffprobe: env.FFPROBE_PATH || (existsSync(beside) ? beside : bundledFfprobe()),
      source: 'env' as BinarySource,
    }
  }
  return {
    ffmpeg: require('@ffmpeg-installer/ffmpeg').path as string,
    ffprobe: env.FFPROBE_PATH || bundledFfprobe(),
    source: 'bundled' as BinarySource,
  }
}

const detected = new Map<string, Promise<FfmpegBinaries>>()

/**
 * fluent-ffmpeg checks formats and encoders before every command and caches the answer
 * once it has one; cameras starting together would each spawn `ffmpeg -formats` and
 * `-encoders` before the cache fills. Asking once here fills it for all of them.
 */
async function warmFluentCache(ffmpegPath: string) {
  const command = ffmpeg().setFfmpegPath(ffmpegPath)
  await new Promise<void>((resolve) => command.availableFormats(() => resolve()))
  await new Promise<void>((resolve) => command.availableEncoders(() => resolve()))
}

/**
 * Finds the binaries and asks ffmpeg which timeout option its RTSP demuxer has (by
 * capability rather than by version number: static builds report "N-47683-g…").
 */
export function detectFfmpeg(env: NodeJS.ProcessEnv = process.env): Promise<FfmpegBinaries> {
  const paths = binaryPaths(env)
  const key = `${paths.ffmpeg}|${paths.ffprobe}`
  if (!detected.has(key)) detected.set(key, probe(paths))
  return detected.get(key)!
}

function probe(paths: ReturnType<typeof binaryPaths>): Promise<FfmpegBinaries> {
  return (async () => {
    const { stdout: version } = await run(paths.ffmpeg, ['-hide_banner', '-version'])
    const { stdout: help } = await run(paths.ffmpeg, ['-hide_banner', '-h', 'demuxer=rtsp'], {
      maxBuffer: 4 * 1024 * 1024,
    })
    await warmFluentCache(paths.ffmpeg)
    return {
      ...paths,
      version: version.split('\n')[0].trim(),
      rtspTimeoutOption: /^\s*-stimeout\b/m.test(help) ? '-stimeout' : '-timeout',
    }
  })()
}

/** The binaries bundled through npm, whatever FFMPEG_PATH says (to test the fallback). */
export function bundledEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH }
}

let described: Promise<{ version: string; source: BinarySource }> | undefined

/** Which build runs (for /healthz and the camera page): asked once, cheaply. */
export function describeFfmpeg(env: NodeJS.ProcessEnv = process.env) {
  described ??= (async () => {
    const paths = binaryPaths(env)
    const version = await run(paths.ffmpeg, ['-hide_banner', '-version'])
      .then(({ stdout }) => stdout.split('\n')[0].trim())
      .catch(() => 'không chạy được / does not run')
    // No path: /healthz never shows where the app is installed.
    return { version, source: paths.source }
  })()
  return described
}
