import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '@adonisjs/core/logger'
import db from '@adonisjs/lucid/services/db'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { recordingCommand } from '#recorder/ffmpeg_command'
import { Supervisor } from '#recorder/supervisor'
import { SegmentIndex } from '#recorder/segment_indexer'
import { leaseHooks } from '#services/cameras/recording_targets'
import {
  benchCameras,
  cpuSeconds,
  describeLoad,
  ffmpegChildrenRssMiB,
  flag,
  groupCpuSeconds,
  loadFlags,
  segmentGaps,
  startSimulator,
  threadCpuDelta,
  threadCpuSeconds,
} from '#bench/recorder_support'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * `npm run bench:recorder -- --cameras N [--seconds S] [--size --fps --bitrate --gop
 * --segment]` (default a real camera's load: see `loadFlags`): records N simulated
 * cameras for S seconds twice in one run, first as N bare ffmpeg stream-copy commands
 * (the very arguments the recorder uses), then through the recorder (supervisor,
 * watchdog, probing, hashing, index rows in PostgreSQL). Prints one JSON line last.
 */
export default async function run(logger: Logger, flags: Record<string, unknown> = {}) {
  const load = loadFlags(flags)
  const cameras = flag(flags, 'cameras', 8)
  const segment = load.segmentSeconds
  // Three whole segments by default, so the segment handling is measured, not just startup.
  const seconds = flag(flags, 'seconds', 3 * segment)
  const bin = await detectFfmpeg()
  const simulator = await startSimulator(cameras, load)
  const simulatorBefore = groupCpuSeconds(simulator.pid)
  const work = await mkdtemp(join(tmpdir(), 'bench-recorder-'))
  try {
    // 1. Baseline: the same commands, bare.
    const bare: ChildProcess[] = []
    const before = cpuSeconds()
    for (let n = 1; n <= cameras; n++) {
      const incomingDir = join(work, 'bare', String(n))
      await mkdir(incomingDir, { recursive: true })
      const command = recordingCommand(bin, {
        url: simulator.url(n),
        transport: 'udp',
        incomingDir,
        segmentSeconds: segment,
        runTag: 'bare',
      })
      const args: string[] = (command as any)._getArguments()
      bare.push(spawn(bin.ffmpeg, args, { stdio: 'ignore' }))
    }
    await sleep((seconds * 1000) / 2)
    const bareRss = ffmpegChildrenRssMiB()
    await sleep((seconds * 1000) / 2)
    await Promise.all(bare.map((child) => stopChild(child)))
    const afterBare = cpuSeconds()
    const baselineCpu = afterBare.children - before.children
    // What this process spends doing nothing in particular over the same time.
    const idleNodeCpu = afterBare.self - before.self
    let bareSegments = 0
    for (let n = 1; n <= cameras; n++) {
      bareSegments += (await readdir(join(work, 'bare', String(n)))).length
    }
    logger.info(`baseline: ${baselineCpu.toFixed(2)} s CPU, ${bareSegments} segments`)

    // 2. The recorder, in this process.
    const ids = await benchCameras(cameras, simulator.url)
    const root = join(work, 'recorder')
    const supervisor = new Supervisor({
      bin,
      root,
      store: db,
      index: new SegmentIndex(db, root),
      node: 'bench',
      segmentSeconds: segment,
      ...leaseHooks({ node: 'bench', only: ids }),
    })
    const rssBefore = process.memoryUsage().rss
    const start = cpuSeconds()
    const threadsBefore = threadCpuSeconds()
    await supervisor.start()
    await sleep((seconds * 1000) / 2)
    const recorderRss = ffmpegChildrenRssMiB()
    const nodeGrowthMiB = Math.max(0, (process.memoryUsage().rss - rssBefore) / 1024 / 1024)
    await sleep((seconds * 1000) / 2)
    await supervisor.stop()
    const end = cpuSeconds()
    const threads = threadCpuDelta(threadsBefore, threadCpuSeconds())
    const recorderCpu = end.self - start.self + (end.children - start.children)
    const { gaps, segments } = await segmentGaps(ids)
    const runs = await db.from('recording_runs').whereIn('camera_id', ids).count('* as n')
    const extraRuns = Number(runs[0].n) - cameras

    const result = {
      ...describeLoad(load),
      cameras,
      seconds,
      // The simulated cameras' own CPU over both halves (not counted in either figure).
      simulator_cpu_s: round(groupCpuSeconds(simulator.pid) - simulatorBefore),
      recorder_cpu_s: round(recorderCpu),
      recorder_node_cpu_s: round(end.self - start.self),
      recorder_ffmpeg_cpu_s: round(end.children - start.children),
      // Where the recorder's Node CPU went, by thread (user and system seconds).
      recorder_node_threads: threads,
      idle_node_cpu_s: round(idleNodeCpu),
      baseline_cpu_s: round(baselineCpu),
      overhead_ratio: round(baselineCpu > 0 ? recorderCpu / baselineCpu : 0),
      rss_mb_per_camera: round((recorderRss.mib + nodeGrowthMiB) / cameras),
      baseline_rss_mb_per_camera: round(bareRss.mib / cameras),
      segments_expected: cameras * Math.ceil(seconds / segment),
      segments_indexed: segments,
      baseline_segments: bareSegments,
      gaps: gaps + Math.max(0, extraRuns),
    }
    console.log(JSON.stringify(result))
  } finally {
    await simulator.stop()
    await rm(work, { recursive: true, force: true })
  }
}

function stopChild(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

const round = (n: number) => Math.round(n * 100) / 100
