import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'

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
    return {
      ...paths,
      version: version.split('\n')[0].trim(),
      rtspTimeoutOption: /^\s*-stimeout\b/m.test(help) ? '-stimeout' : '-timeout',
    }
  })()
  return detected
}
