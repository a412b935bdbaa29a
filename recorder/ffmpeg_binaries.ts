import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import ffmpeg from 'fluent-ffmpeg'

const run = promisify(execFile)
const require = createRequire(import.meta.url)

export interface FfmpegBinaries {
  ffmpeg: string
  ffprobe: string
  /** First line of `ffmpeg -version`. */
  version: string
  /**
   * The RTSP socket-timeout option of this build: `-stimeout` up to ffmpeg 4.x, `-timeout`
   * from 5.0 (where 4.x's `-timeout` meant something else: a listen timeout).
   */
  rtspTimeoutOption: '-stimeout' | '-timeout'
}

/** FFMPEG_PATH / FFPROBE_PATH when set, else the binaries bundled through npm. */
export function binaryPaths(env: NodeJS.ProcessEnv = process.env) {
  return {
    ffmpeg: env.FFMPEG_PATH || (require('@ffmpeg-installer/ffmpeg').path as string),
    ffprobe: env.FFPROBE_PATH || (require('@ffprobe-installer/ffprobe').path as string),
  }
}

let detected: Promise<FfmpegBinaries> | undefined

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
  detected ??= (async () => {
    const paths = binaryPaths(env)
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
  return detected
}
