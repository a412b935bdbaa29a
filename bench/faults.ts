import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '@adonisjs/core/logger'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { CameraSimulator } from '#recorder/simulator'
import { Supervisor } from '#recorder/supervisor'
import { SegmentIndex } from '#recorder/segment_indexer'
import { leaseHooks } from '#services/cameras/recording_targets'
import { benchCameras, clipOf, describeLoad, loadFlags, stopGroup } from '#bench/recorder_support'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, step = 100) {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out')
    await sleep(step)
  }
}

/**
 * `npm run bench:faults`: the footage a camera loses when the recorder is SIGKILLed
 * mid-segment (the real `recorder:run` process and its ffmpeg, like a power cut), how long
 * a camera that drops off takes to be noticed, and how soon recording resumes once it is
 * back after 20 s away, and whether a 3 s stutter on the same session is taken for an outage
 * (it must not be). At a real camera's load by default (`loadFlags`). Prints one JSON line.
 */
export default async function run(logger: Logger, flags: Record<string, unknown> = {}) {
  const load = loadFlags(flags)
  const bin = await detectFfmpeg()
  const simulator = new CameraSimulator({
    bin,
    workDir: app.makePath('storage/simulator'),
    count: 2,
    clip: clipOf(load),
  })
  await simulator.start()
  const work = await mkdtemp(join(tmpdir(), 'bench-faults-'))
  try {
    const [cutCamera, outageCamera] = await benchCameras(2, (n) => simulator.url(n))

    // 1. SIGKILL of the whole recorder process group 5 s into a 10 s segment.
    await db.from('cameras').where('id', outageCamera).update({ recording_enabled: false })
    const cutRoot = join(work, 'power-cut')
    const recorder = spawn('node', ['ace', 'recorder:run'], {
      cwd: app.makePath(),
      detached: true,
      stdio: 'ignore',
      env: {
        ...process.env,
        RECORDINGS_DIR: cutRoot,
        RECORDER_SEGMENT_SECONDS: String(load.segmentSeconds),
        RECORDER_NODE_ID: 'faults-node',
      },
    })
    await until(
      async () => {
        const [row] = await db
          .from('recording_segments')
          .where('camera_id', cutCamera)
          .count('* as n')
        return Number(row.n) >= 1
      },
      90_000,
      500
    )
    await sleep(5000)
    process.kill(-recorder.pid!, 'SIGKILL')
    const cutAt = Date.now()
    await stopGroup(recorder)
    const restarted = new Supervisor({
      bin,
      root: cutRoot,
      store: db,
      index: new SegmentIndex(db, cutRoot),
      node: 'faults-node',
      segmentSeconds: load.segmentSeconds,
      ...leaseHooks({ node: 'faults-node', only: [cutCamera] }),
    })
    await restarted.recover()
    const last = await db
      .from('recording_segments')
      .where('camera_id', cutCamera)
      .orderBy('ended_at', 'desc')
      .firstOrFail()
    const sigkillLost = (cutAt - new Date(last.ended_at).getTime()) / 1000
    logger.info(`SIGKILL: ${sigkillLost.toFixed(2)} s lost`)
    await db.from('camera_leases').delete()
    await db.from('cameras').where('id', cutCamera).update({ recording_enabled: false })
    await db.from('cameras').where('id', outageCamera).update({ recording_enabled: true })

    // 2. The camera drops off for 20 s and comes back.
    const root = join(work, 'outage')
    const supervisor = new Supervisor({
      bin,
      root,
      store: db,
      index: new SegmentIndex(db, root),
      node: 'faults-node',
      segmentSeconds: load.segmentSeconds,
      ...leaseHooks({ node: 'faults-node', only: [outageCamera] }),
      pollMs: 1000,
      log: (message, detail) => logger.info(`${message} ${JSON.stringify(detail ?? {})}`),
    })
    await supervisor.start()
    const worker = () => supervisor.workers.get(outageCamera)
    await until(() => worker()?.state === 'recording', 30_000)
    const t0 = Date.now()
    worker()!.on('state', (state) => logger.info(`+${Date.now() - t0} ms: ${state}`))
    await sleep(8000)

    // 2a. A Wi-Fi stutter: 3 s without data on the same session. Not an outage.
    const stallsBefore = worker()!.stalls
    const runsBefore = await runCount(outageCamera)
    simulator.stall(2)
    await sleep(3000)
    simulator.resume(2)
    await sleep(12_000)
    const falseAlarms =
      worker()!.stalls - stallsBefore + ((await runCount(outageCamera)) - runsBefore)
    logger.info(`stutter of 3 s: ${falseAlarms} false alarm(s)`)
    await until(() => worker()?.state === 'recording', 30_000)

    // 2b. The camera goes away for 20 s.
    simulator.drop(2)
    const droppedAt = Date.now()
    await until(() => worker()?.state !== 'recording', 30_000)
    const detect = (Date.now() - droppedAt) / 1000
    await sleep(Math.max(0, 20_000 - (Date.now() - droppedAt)))
    simulator.restore(2)
    const restoredAt = Date.now()
    await until(() => worker()?.state === 'recording', 60_000)
    const resume = (Date.now() - restoredAt) / 1000
    await supervisor.stop()

    console.log(
      JSON.stringify({
        ...describeLoad(load),
        ffmpeg: bin.version ?? null,
        sigkill_lost_s: round(sigkillLost),
        stutter_false_alarms: falseAlarms,
        outage_detect_s: round(detect),
        resume_s: round(resume),
      })
    )
  } finally {
    await simulator.stop()
    await rm(work, { recursive: true, force: true })
  }
}

const round = (n: number) => Math.round(n * 100) / 100

/** Recording runs of a camera so far (a restart is a new run). */
async function runCount(cameraId: number) {
  const [row] = await db.from('recording_runs').where('camera_id', cameraId).count('* as n')
  return Number(row.n)
}
