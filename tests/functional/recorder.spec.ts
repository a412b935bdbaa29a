import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import db from '@adonisjs/lucid/services/db'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { CameraSimulator } from '#recorder/simulator'
import { Supervisor } from '#recorder/supervisor'
import { incomingDirFor } from '#recorder/camera_worker'
import { SegmentIndex } from '#recorder/segment_indexer'
import { leaseHooks } from '#services/cameras/recording_targets'
import { createSimulatedCameras, sleep, waitFor, waitForAsync } from '#tests/recorder_support'

const SEGMENT_SECONDS = 4

/*
 * Real ffmpeg recording a simulated camera over RTSP on loopback into the real database.
 * The recorder uses its own connections, so these tests commit and clean up after
 * themselves instead of running inside the test transaction.
 */
test.group('Recorder against a simulated camera', (group) => {
  let root: string
  let simulator: CameraSimulator
  let cameraId: number
  let supervisor: Supervisor

  group.setup(async () => {
    const bin = await detectFfmpeg()
    root = await mkdtemp(join(tmpdir(), 'nvr-'))
    simulator = new CameraSimulator({ bin, workDir: join(tmpdir(), 'nvr-sim'), count: 1 })
    await simulator.start()
    const [camera] = await createSimulatedCameras([simulator.url(1)])
    cameraId = camera.id
    supervisor = new Supervisor({
      bin,
      root,
      store: db,
      index: new SegmentIndex(db, root),
      node: 'test-node',
      segmentSeconds: SEGMENT_SECONDS,
      stallMs: 8000,
      // Only this test's camera (other tests' cameras are rolled back, but be explicit).
      ...leaseHooks({ node: 'test-node', only: [cameraId] }),
      pollMs: 1000,
    })
    return async () => {
      await supervisor.stop()
      await simulator.stop()
      await db.from('recording_segments').where('camera_id', cameraId).delete()
      await db.from('recording_runs').where('camera_id', cameraId).delete()
      await db.from('recorder_events').where('camera_id', cameraId).delete()
      await db.from('camera_leases').where('camera_id', cameraId).delete()
      // The camera stays (its audit trail references it) but no later recorder takes it.
      await db.from('cameras').where('id', cameraId).update({ recording_enabled: false })
      await rm(root, { recursive: true, force: true })
    }
  })

  test('records ~20 s into contiguous, indexed segments whose durations add up to the wall time', async ({
    assert,
  }) => {
    await supervisor.start()
    await sleep(22_000)
    const worker = supervisor.workers.get(cameraId)!
    assert.equal(worker.state, 'recording')
    await supervisor.stop()

    const segments = await db
      .from('recording_segments')
      .where('camera_id', cameraId)
      .orderBy('started_at')
    assert.isAtLeast(segments.length, 4)
    const run = await db.from('recording_runs').where('camera_id', cameraId).firstOrFail()
    assert.equal(run.end_reason, 'recorder_stopped')
    for (const s of segments) {
      assert.equal(s.run_id, run.id)
      assert.match(s.sha256, /^[0-9a-f]{64}$/)
      assert.isAbove(Number(s.bytes), 0)
      assert.equal(s.video_codec, 'h264')
      assert.equal(s.width, 640)
      assert.include(
        s.path,
        join(root, (await db.from('cameras').where('id', cameraId).firstOrFail()).code)
      )
    }
    for (let i = 1; i < segments.length; i++) {
      const gap =
        new Date(segments[i].started_at).getTime() - new Date(segments[i - 1].ended_at).getTime()
      assert.isAtMost(Math.abs(gap), 1000, `gap of ${gap} ms between segments ${i - 1} and ${i}`)
    }
    const recorded = segments.reduce((sum, s) => sum + s.duration_ms, 0)
    const wall =
      new Date(segments.at(-1).ended_at).getTime() - new Date(segments[0].started_at).getTime()
    assert.isAtMost(Math.abs(recorded - wall), 1000, `recorded ${recorded} ms over ${wall} ms`)
    assert.isAtLeast(recorded, 15_000)

    // Nothing is left behind in the incoming folder; the camera shows its last segment.
    const code = (await db.from('cameras').where('id', cameraId).firstOrFail()).code
    assert.deepEqual(await readdir(incomingDirFor(root, code, 'test-node')), [])
    const camera = await db.from('cameras').where('id', cameraId).firstOrFail()
    assert.isNotNull(camera.last_recorded_at)
  }).timeout(60_000)

  test('the camera drops off for 20 s: the run ends with its reason, one gap of ~20 s, recording resumes within 5 s of its return', async ({
    assert,
  }) => {
    await db.from('recording_runs').where('camera_id', cameraId).delete()
    await db.from('recording_segments').where('camera_id', cameraId).delete()
    await supervisor.start()
    const worker = () => supervisor.workers.get(cameraId)!
    await waitFor(() => worker().state === 'recording', 15_000)
    await sleep(6000)
    simulator.drop(1)
    const droppedAt = Date.now()
    await waitFor(() => worker().state !== 'recording', 20_000)
    await sleep(Math.max(0, 20_000 - (Date.now() - droppedAt)))
    simulator.restore(1)
    const restoredAt = Date.now()
    await waitFor(() => worker().state === 'recording', 40_000)
    await sleep(5000)
    await supervisor.stop()

    const runs = await db.from('recording_runs').where('camera_id', cameraId).orderBy('started_at')
    // One outage, one gap: the failed reconnect attempts while the camera was away
    // recorded nothing, so they make no runs.
    assert.lengthOf(runs, 2)
    assert.include(['stalled', 'unreachable', 'ffmpeg_exit'], runs[0].end_reason)
    assert.equal(runs.at(-1).end_reason, 'recorder_stopped')
    const gapMs = new Date(runs[1].started_at).getTime() - new Date(runs[0].ended_at).getTime()
    // When footage starts again (the new run's first segment, recorder clock, whole
    // seconds from its file name), not when this test's polling noticed.
    const resumeMs = new Date(runs[1].started_at).getTime() - restoredAt
    console.log(`outage: gap ${gapMs} ms, resumed ${resumeMs} ms after the camera returned`)
    assert.isAtLeast(gapMs, 18_000, 'the outage shows as one gap between runs')
    assert.isAtMost(gapMs, 27_000)
    // Backoff (1 s doubling, 30 s cap) keeps trying; the comeback probe cuts it short.
    assert.isAtMost(resumeMs, 5000)
    const events = await db.from('recorder_events').where('camera_id', cameraId).select('kind')
    assert.isTrue(events.some((e) => ['stalled', 'unreachable', 'ffmpeg_exit'].includes(e.kind)))
  }).timeout(120_000)

  test('a frozen camera (connected, sending nothing) is detected as stalled within 15 s and recording resumes', async ({
    assert,
  }) => {
    await db.from('recording_runs').where('camera_id', cameraId).delete()
    await db.from('recorder_events').where('camera_id', cameraId).delete()
    await supervisor.start()
    const worker = () => supervisor.workers.get(cameraId)!
    await waitFor(() => worker().state === 'recording', 15_000)
    await sleep(3000)
    simulator.stall(1)
    const frozenAt = Date.now()
    await waitFor(() => worker().stalls > 0, 20_000)
    const detectMs = Date.now() - frozenAt
    await waitFor(() => worker().state !== 'recording', 10_000)
    simulator.restore(1)
    await waitFor(() => worker().state === 'recording', 40_000)
    await supervisor.stop()

    assert.isAtMost(detectMs, 15_000, `stall detected after ${detectMs} ms`)
    const runs = await db.from('recording_runs').where('camera_id', cameraId).orderBy('started_at')
    assert.equal(runs[0].end_reason, 'stalled')
    assert.isAtLeast(runs.length, 2, 'a new run after the camera came back')
  }).timeout(90_000)

  test('the database is unreachable for ~12 s while recording: every segment is indexed afterwards', async ({
    assert,
  }) => {
    await db.from('recording_runs').where('camera_id', cameraId).delete()
    await db.from('recording_segments').where('camera_id', cameraId).delete()
    // The recorder's view of PostgreSQL, cut off on command (the test's own queries are not).
    let down = false
    const store = {
      rawQuery: (sql: string, bindings?: unknown[]) =>
        down
          ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:54329'))
          : db.rawQuery(sql, bindings as any),
    }
    const outageRoot = join(root, 'outage')
    const recorder = new Supervisor({
      bin: await detectFfmpeg(),
      root: outageRoot,
      store,
      index: new SegmentIndex(store, outageRoot),
      node: 'test-node',
      segmentSeconds: SEGMENT_SECONDS,
      stallMs: 8000,
      ...leaseHooks({ node: 'test-node', only: [cameraId] }),
      pollMs: 1000,
    })
    await recorder.start()
    const worker = () => recorder.workers.get(cameraId)!
    await waitFor(() => worker().state === 'recording', 15_000)
    await sleep(5000)
    down = true
    await sleep(12_000)
    assert.equal(worker().state, 'recording', 'recording does not wait for the database')
    down = false
    await sleep(6000)
    await recorder.stop()

    const segments = await db
      .from('recording_segments')
      .where('camera_id', cameraId)
      .orderBy('started_at')
    assert.isAtLeast(segments.length, 5)
    for (let i = 1; i < segments.length; i++) {
      const gap =
        new Date(segments[i].started_at).getTime() - new Date(segments[i - 1].ended_at).getTime()
      assert.isAtMost(Math.abs(gap), 1000, `gap of ${gap} ms between segments ${i - 1} and ${i}`)
    }
    const spool = await readFile(join(outageRoot, 'pending-index.jsonl'), 'utf8').catch(() => '')
    assert.equal(spool, '', 'nothing left waiting')
  }).timeout(90_000)

  test('power cut: the recorder and its ffmpeg are SIGKILLed mid-segment; after restart at most ~2 s are lost', async ({
    assert,
  }) => {
    await db.from('recording_runs').where('camera_id', cameraId).delete()
    await db.from('recording_segments').where('camera_id', cameraId).delete()
    const cutRoot = join(root, 'power-cut')
    // The real recorder process, in its own process group so that one kill takes ffmpeg too.
    const recorder = spawn('node', ['ace', 'recorder:run'], {
      cwd: process.cwd(),
      detached: true,
      stdio: 'ignore',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        RECORDINGS_DIR: cutRoot,
        RECORDER_SEGMENT_SECONDS: '10',
        RECORDER_NODE_ID: 'power-cut-node',
      },
    })
    // Whatever happens below, the recorder never outlives this test: a stray one would
    // heartbeat into the test database and record its cameras under later tests.
    const cut = () => {
      try {
        process.kill(-recorder.pid!, 'SIGKILL')
      } catch {}
    }
    const code = (await db.from('cameras').where('id', cameraId).firstOrFail()).code
    const incoming = incomingDirFor(cutRoot, code, 'power-cut-node')
    // Wait for the first closed segment, then cut the power 4-6 s into the next one.
    try {
      await waitForAsync(async () => {
        const rows = await db
          .from('recording_segments')
          .where('camera_id', cameraId)
          .count('* as n')
        return Number(rows[0].n) >= 1
      }, 60_000)
      await sleep(5000)
    } finally {
      cut()
    }
    const cutAt = Date.now()
    await sleep(500)
    assert.lengthOf(await readdir(incoming), 1, 'the open segment is left behind')

    const restarted = new Supervisor({
      bin: await detectFfmpeg(),
      root: cutRoot,
      store: db,
      index: new SegmentIndex(db, cutRoot),
      node: 'power-cut-node',
      segmentSeconds: SEGMENT_SECONDS,
      ...leaseHooks({ node: 'power-cut-node', only: [cameraId] }),
    })
    await restarted.recover()
    const segments = await db
      .from('recording_segments')
      .where('camera_id', cameraId)
      .orderBy('started_at')
    const last = segments.at(-1)
    assert.isTrue(last.recovered)
    const lostMs = cutAt - new Date(last.ended_at).getTime()
    console.log(`power cut: ${lostMs} ms of footage lost`)
    // The recovered segment's start is known to the second (its file name).
    assert.isAtMost(lostMs, 3000, `lost ${lostMs} ms of footage`)
    assert.isAtLeast(last.duration_ms, 3000, 'the partial segment is playable and kept')
    const run = await db
      .from('recording_runs')
      .where('camera_id', cameraId)
      .orderBy('id')
      .firstOrFail()
    assert.equal(run.end_reason, 'crash_recovered')
    // The killed node's lease would keep the camera from the next test's node for 20 s.
    await db.from('camera_leases').where('camera_id', cameraId).delete()
  }).timeout(120_000)

  test('after a crash, segments left in the incoming folder are indexed; unreadable ones are quarantined, not deleted', async ({
    assert,
  }) => {
    const code = (await db.from('cameras').where('id', cameraId).firstOrFail()).code
    const segment = await db
      .from('recording_segments')
      .where('camera_id', cameraId)
      .orderBy('id')
      .first()
    assert.exists(segment, 'an earlier test recorded footage')
    const incoming = incomingDirFor(root, code, 'test-node')
    await mkdir(incoming, { recursive: true })
    // A segment cut by SIGKILL: the first 60 % of a real one, with a fresh name.
    const bytes = await readFile(segment.path)
    const cut = join(incoming, 'r1_20261128T010203Z.ts')
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)))
    await writeFile(join(incoming, 'r1_20261128T010303Z.ts'), Buffer.from('not a video at all'))
    const [openRun] = await db
      .table('recording_runs')
      .insert({
        camera_id: cameraId,
        started_at: new Date(),
        ended_at: new Date(),
        recorder_node: 'test-node',
      })
      .returning('id')

    await supervisor.recover()

    const recovered = await db
      .from('recording_segments')
      .where('camera_id', cameraId)
      .where('recovered', true)
      .where('path', 'like', '%r1_20261128T010203Z.ts')
    assert.lengthOf(recovered, 1)
    assert.equal(recovered[0].started_at.toISOString(), '2026-11-28T01:02:03.000Z')
    assert.isAbove(recovered[0].duration_ms, 1000)
    assert.deepEqual(await readdir(incoming), [])
    assert.deepEqual(await readdir(join(root, 'quarantine', code)), ['r1_20261128T010303Z.ts'])
    const run = await db.from('recording_runs').where('id', openRun.id).firstOrFail()
    assert.equal(run.end_reason, 'crash_recovered')
  }).timeout(30_000)
})
