import { execFile } from 'node:child_process'
import { access, readdir, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Logger } from '@adonisjs/core/logger'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { CameraSimulator, clipEncoderArgs } from '#recorder/simulator'
import Camera from '#models/camera'
import liveStreams from '#services/footage/live_streams'
import renditionCache from '#services/footage/rendition_cache'
import { defaultTranscodeSettings } from '#services/footage/viewing'
import { benchCameras, cpuSeconds, flag } from '#bench/recorder_support'

const run = promisify(execFile)
const exists = promisify(access)
const list = promisify(readdir)
const TICKS = 100

/**
 * What it costs to show an H.265 camera to a browser that cannot decode H.265 (issue 20):
 *  1. playback: one 60 s segment of 1080p H.265 (2 Mbit/s, sensor-like noise) made into its
 *     720p H.264 copy by the rendition cache: wall time (the player's wait for that
 *     segment) and CPU, as a share of one core per second of footage;
 *  2. live: a simulated 1080p H.265 camera opened by a viewer that decodes H.264 only:
 *     time until the first H.264 segment exists (the first frame the viewer can see),
 *     then the rendition ffmpeg's CPU over `--seconds` (default 60), as a share of a core.
 * The transcode cap's default comes from these shares (`RENDITION_CORE_SHARE`).
 */
export async function benchTranscode(logger: Logger, flags: Record<string, unknown>) {
  const bin = await detectFfmpeg()
  const kbps = flag(flags, 'kbps', 2000)
  const fps = flag(flags, 'fps', 15)
  const seconds = flag(flags, 'seconds', 60)
  const size = typeof flags.size === 'string' ? flags.size : '1920x1080'
  const dir = await mkdtemp(join(tmpdir(), 'bench-transcode-'))
  try {
    // 1. Playback: a recorded minute, converted once.
    const segment = join(dir, 'minute-hevc.ts')
    await run(bin.ffmpeg, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${size}:rate=${fps},noise=alls=12:allf=t`,
      '-t',
      '60',
      ...clipEncoderArgs({ codec: 'h265', size, fps, gopSeconds: 2, bitrate: kbps }),
      '-pix_fmt',
      'yuv420p',
      '-f',
      'mpegts',
      segment,
    ])
    const cpuBefore = cpuSeconds().children
    const started = performance.now()
    const copy = await renditionCache.path({ id: 900_000_000 + process.pid, path: segment })
    const playbackMs = Math.round(performance.now() - started)
    const playbackCpu = cpuSeconds().children - cpuBefore
    await rm(copy, { force: true })
    logger.info(
      `playback: 60 s of ${size} H.265 → 720p H.264 in ${playbackMs} ms, ${playbackCpu.toFixed(1)} CPU s`
    )

    // 2. Live: a camera streaming H.265, a viewer without H.265.
    const simulator = new CameraSimulator({
      bin,
      workDir: join(tmpdir(), 'nvr-sim-bench-transcode'),
      count: 1,
      clip: { codec: 'h265', size, fps, bitrate: kbps, gopSeconds: 2 },
      publishPort: 25594,
      clientPort: 26594,
      rtpPortStart: 37000,
    })
    await simulator.start()
    let live
    try {
      const [cameraId] = await benchCameras(1, (n) => simulator.url(n))
      const camera = await Camera.findOrFail(cameraId)
      const opened = performance.now()
      const stream = await liveStreams.open(camera, 'main', ['h264'])
      const playlistMs = Math.round(performance.now() - opened)
      const firstSegmentMs = await waitForSegment(stream.dir, opened)
      const pid = await renditionPid(stream.dir)
      const before = processCpu(pid)
      const windowStart = performance.now()
      const sampler = setInterval(() => liveStreams.touch(camera.id, 'main', 'h264'), 5_000)
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
      clearInterval(sampler)
      const used = processCpu(pid) - before
      const share = used / ((performance.now() - windowStart) / 1000)
      live = {
        kind: stream.kind,
        codec: stream.codec,
        playlist_ms: playlistMs,
        first_frame_ms: firstSegmentMs,
        core_share: Math.round(share * 100) / 100,
      }
      logger.info(
        `live: first H.264 segment after ${firstSegmentMs} ms, rendition uses ${live.core_share} of a core`
      )
    } finally {
      liveStreams.stopAll()
      await simulator.stop()
    }
    const playbackShare = Math.round((playbackCpu / 60) * 100) / 100
    return {
      source: { size, fps, kbps, codec: 'hevc' },
      playback_60s: {
        wall_ms: playbackMs,
        cpu_s: Math.round(playbackCpu * 10) / 10,
        core_share: playbackShare,
        x_realtime: Math.round((60_000 / playbackMs) * 10) / 10,
      },
      live,
      cores: cpus().length,
      default_cap: defaultTranscodeSettings().maxTranscodes,
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Milliseconds from `since` until the rendition's first segment is on disk. */
async function waitForSegment(dir: string, since: number) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const names = await list(dir).catch(() => [] as string[])
    if (names.some((n) => /^h264_\d+\.ts$/.test(n))) return Math.round(performance.now() - since)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('no rendition segment within 60 s')
}

/** The pid of the ffmpeg writing into `dir`. */
async function renditionPid(dir: string) {
  const { stdout } = await run('ps', ['-eo', 'pid,args'])
  const line = stdout.split('\n').find((l) => l.includes('ffmpeg') && l.includes(dir))
  if (!line) throw new Error('rendition ffmpeg not found')
  await exists(dir)
  return Number(line.trim().split(/\s+/)[0])
}

/** CPU seconds (user + system) a live process has used. */
function processCpu(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS
}

/** `npm run bench -- transcode [--size 1920x1080 --kbps 2000 --seconds 60]` on its own. */
export default async function bench(logger: Logger, flags: Record<string, unknown>) {
  console.log(JSON.stringify(await benchTranscode(logger, flags)))
}
