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
import { claimRecovery, runRecovery, type EdgeRecoveryDeps } from '#recorder/edge_recovery'
import { leaseHooks } from '#services/cameras/recording_targets'
import { replaySourceFor } from '#services/cameras/edge_replay'
import { benchCameras, flag } from '#bench/recorder_support'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * `npm run bench:edge [-- --window 600]`: one simulated camera recorded live (10 s
 * segments) while windows of its SD card are fetched back over RTSP on loopback, once with
 * no rate limit and once at each of 3000 and 1000 kbit/s. Per run: seconds of footage
 * recovered per second of wall time, the rate read from the camera (kbit/s, what the limit
 * caps) and MB/s stored; over all runs: gaps in the live recording
 * (target 0). Prints one JSON line last.
 */
export default async function run(logger: Logger, flags: Record<string, unknown>) {
  const windowSeconds = flag(flags, 'window', 600)
  const bin = await detectFfmpeg()
  const simulator = new CameraSimulator({
    bin,
    workDir: app.makePath('storage/simulator'),
    count: 1,
    sdCards: true,
  })
  await simulator.start()
  const root = await mkdtemp(join(tmpdir(), 'bench-edge-'))
  try {
    const [cameraId] = await benchCameras(1, (n) => simulator.url(n))
    await db
      .from('cameras')
      .where('id', cameraId)
      .update({
        edge_storage: 'template',
        edge_replay_template: simulator.cards!.hikvisionUrl(1),
      })
    const index = new SegmentIndex(db, root)
    const supervisor = new Supervisor({
      bin,
      root,
      store: db,
      index,
      node: 'bench-edge',
      segmentSeconds: 10,
      ...leaseHooks({ node: 'bench-edge', only: [cameraId] }),
    })
    await supervisor.start()
    while (supervisor.workers.get(cameraId)?.state !== 'recording') await sleep(200)
    await sleep(5000)
    const liveFrom = new Date()

    const results: Record<string, unknown>[] = []
    const rates = [0, 3000, 1000]
    for (const [k, kbps] of rates.entries()) {
      const deps: EdgeRecoveryDeps = {
        bin,
        root,
        store: db,
        index,
        node: 'bench-edge',
        segmentSeconds: 60,
        replaySource: replaySourceFor,
        bytesPerSecond: async () => (kbps * 1000) / 8,
      }
      // A different window of the card each time, hours ago.
      const from = new Date(Math.floor(Date.now() / 1000) * 1000 - (k + 1) * 3600_000)
      const to = new Date(from.getTime() + windowSeconds * 1000)
      await db.table('edge_recoveries').insert({
        camera_id: cameraId,
        window_from: from,
        window_to: to,
        trigger: 'requested',
      })
      const job = (await claimRecovery(db, 'bench-edge'))!
      const started = performance.now()
      const outcome = await runRecovery(deps, job)
      const wall = (performance.now() - started) / 1000
      const [{ bytes }] = await db
        .from('recording_segments')
        .where('edge_recovery_id', job.id)
        .sum('bytes as bytes')
      const recovered = outcome.recoveredMs / 1000
      const row = {
        kbps_limit: kbps || 'none',
        status: outcome.status,
        recovered_s: recovered,
        wall_s: Number(wall.toFixed(2)),
        footage_s_per_wall_s: Number((recovered / wall).toFixed(1)),
        wire_kbps: Math.round((outcome.bytes * 8) / 1000 / wall),
        stored_mb_per_s: Number((Number(bytes) / 1e6 / wall).toFixed(2)),
        stream_kbps: Math.round((Number(bytes) * 8) / 1000 / Math.max(recovered, 1)),
      }
      results.push(row)
      logger.info(JSON.stringify(row))
    }
    const liveTo = new Date()
    await sleep(3000)
    await supervisor.stop()

    // Gaps in the live recording while the card was being read (edge segments aside).
    const live = await db
      .from('recording_segments')
      .where('camera_id', cameraId)
      .whereNull('edge_recovery_id')
      .where('ended_at', '>', liveFrom)
      .where('started_at', '<', liveTo)
      .orderBy('started_at')
    let gaps = 0
    for (let i = 1; i < live.length; i++) {
      const gap = new Date(live[i].started_at).getTime() - new Date(live[i - 1].ended_at).getTime()
      if (gap > 1500) gaps++
    }
    const runs = await db
      .from('recording_runs')
      .where('camera_id', cameraId)
      .where('started_at', '>', liveFrom)
      .count('* as n')
    console.log(
      JSON.stringify({
        window_s: windowSeconds,
        runs: results,
        live_seconds: Math.round((liveTo.getTime() - liveFrom.getTime()) / 1000),
        live_segments: live.length,
        live_gaps: gaps,
        live_restarts: Number(runs[0].n),
      })
    )
  } finally {
    await simulator.stop()
    await rm(root, { recursive: true, force: true })
  }
}
