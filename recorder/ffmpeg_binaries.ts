import { execFile, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import ffmpeg from 'fluent-ffmpeg'

const run = promisify(execFile)
const require = createRequire(import.meta.url)

export interface FfmpegBinaries {
  ffmpeg: string
  ffprobe: string
  /** Where the binaries came from: FFMPEG_PATH, an ffmpeg ≥ 5 on the PATH, or npm's bundle. */
  source: BinarySource
  /** First line of `ffmpeg -version`. */
  version: string
  /**
   * The RTSP socket-timeout option of this build: `-stimeout` up to ffmpeg 4.x, `-timeout`
   * from 5.0 (where 4.x's `-timeout` meant something else: a listen timeout).
   */
  rtspTimeoutOption: '-stimeout' | '-timeout'
}

export type BinarySource = 'env' | 'system' | 'bundled'

/** The oldest ffmpeg a system install may be to be preferred over the bundled 4.1 build. */
const MIN_SYSTEM_MAJOR = 5

/** The major version in `ffmpeg version 5.1.6-0+deb12u1 …` (null for "N-47683-g…" builds). */
export function majorVersion(versionLine: string): number | null {
  const match = /^ff(?:mpeg|probe) version n?(\d+)\.\d+/.exec(versionLine.trim())
  return match ? Number(match[1]) : null
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, name)
    if (existsSync(candidate)) return candidate
  }
  return null
}

const systemCache = new Map<string, string | null>()

/** An ffmpeg ≥ 5 on the PATH (Debian's `apt-get install ffmpeg`), asked once per process. */
function systemFfmpeg(env: NodeJS.ProcessEnv): string | null {
  const path = onPath('ffmpeg', env)
  if (!path) return null
  if (!systemCache.has(path)) {
    let usable: string | null = null
    try {
      const line = execFileSync(path, ['-hide_banner', '-version'], { timeout: 10_000 })
        .toString()
        .split('\n')[0]
      usable = (majorVersion(line) ?? 0) >= MIN_SYSTEM_MAJOR ? path : null
    } catch {
      usable = null
    }
    systemCache.set(path, usable)
  }
  return systemCache.get(path)!
}

/** `FFMPEG_PATH=bundled` runs npm's bundled build whatever is installed (the fallback's tests). */
export const BUNDLED = 'bundled'

/**
 * Which ffmpeg and ffprobe run: FFMPEG_PATH / FFPROBE_PATH when set (`FFMPEG_PATH=bundled`
 * forces the bundle); else an ffmpeg ≥ 5 on the PATH with the ffprobe beside it (Debian's
 * 5.1 reads H.265 and its ffprobe does not crash); else the binaries bundled through npm, so
 * a fresh clone works with no install.
 */
export function binaryPaths(env: NodeJS.ProcessEnv = process.env) {
  const bundled = () => ({
    ffmpeg: require('@ffmpeg-installer/ffmpeg').path as string,
    ffprobe: require('@ffprobe-installer/ffprobe').path as string,
    source: 'bundled' as BinarySource,
  })
  const withProbeBeside = (path: string, source: BinarySource) => {
    const beside = join(dirname(path), 'ffprobe')
    return {
      ffmpeg: path,
      ffprobe: env.FFPROBE_PATH || (existsSync(beside) ? beside : bundled().ffprobe),
      source,
    }
  }
  if (env.FFMPEG_PATH === BUNDLED) return bundled()
  if (env.FFMPEG_PATH) return withProbeBeside(env.FFMPEG_PATH, 'env')
  const system = systemFfmpeg(env)
  if (system) return withProbeBeside(system, 'system')
  return { ...bundled(), ffprobe: env.FFPROBE_PATH || bundled().ffprobe }
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

/** The binaries bundled through npm, whatever is installed (to test the fallback). */
export function bundledEnv(): NodeJS.ProcessEnv {
  return { FFMPEG_PATH: BUNDLED }
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
