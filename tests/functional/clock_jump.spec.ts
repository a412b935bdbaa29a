import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { CameraSimulator } from '#recorder/simulator'
import { CameraWorker } from '#recorder/camera_worker'
import { SegmentIndex } from '#recorder/segment_indexer'
import { createSimulatedCameras, sleep, waitFor } from '#tests/recorder_support'

/*
 * The recorder PC's clock jumps an hour back while recording (after a power cut the PC
 * booted with a wrong clock and NTP corrected it, or someone set the time): recording goes
 * on without a break, the run ends there with its reason, and no run or segment ends
 * before it began.
 */
test.group('System clock jumps while recording', (group) => {
  let root: string
  let simulator: CameraSimulator
  let cameraId: number

  group.setup(async () => {
    const bin = await detectFfmpeg()
    root = await mkdtemp(join(tmpdir(), 'nvr-clock-'))
    simulator = new CameraSimulator({
      bin,
      workDir: join(tmpdir(), 'nvr-sim'),
      count: 1,
      publishPort: 25620,
      clientPort: 26620,
      rtpPortStart: 36000,
    })
    await simulator.start()
    cameraId = (await createSimulatedCameras([simulator.url(1)]))[0].id
    return async () => {
      await simulator.stop()
      await db.from('recording_segments').where('camera_id', cameraId).delete()
      await db.from('recording_runs').where('camera_id', cameraId).delete()
      await db.from('recorder_events').where('camera_id', cameraId).delete()
      await db
        .from('cameras')
        .where('id', cameraId)
        .update({ recording_enabled: false, status: 'retired' })
      await rm(root, { recursive: true, force: true })
    }
  })

  test('an hour back: one new run, no footage lost, every time consistent', async ({ assert }) => {
    const bin = await detectFfmpeg()
    let offset = 0
    const camera = await db.from('cameras').where('id', cameraId).firstOrFail()
    const worker = new CameraWorker(
      { id: cameraId, code: camera.code, url: simulator.url(1), transport: 'udp' },
      {
        bin,
        root,
        store: db,
        index: new SegmentIndex(db, root),
        node: 'clock-node',
        segmentSeconds: 2,
        clock: () => Date.now() + offset,
      }
    )
    worker.start()
    await waitFor(() => worker.state === 'recording', 15_000)
    await sleep(7000)
    offset = -3600_000
    await sleep(7000)
    await worker.stop()

    const runs = await db.from('recording_runs').where('camera_id', cameraId).orderBy('id')
    assert.lengthOf(runs, 2)
    assert.equal(runs[0].end_reason, 'clock_jump')
    assert.equal(runs[1].end_reason, 'recorder_stopped')
    for (const run of runs) assert.isAtLeast(+run.ended_at, +run.started_at)
    // The second run is an hour earlier by the corrected clock.
    assert.approximately(+runs[0].ended_at - +runs[1].started_at, 3600_000, 10_000)
    const event = await db
      .from('recorder_events')
      .where({ camera_id: cameraId, kind: 'clock_jump' })
      .firstOrFail()
    assert.match(event.detail, /^-360\d s$/)
    const segments = await db.from('recording_segments').where('camera_id', cameraId)
    for (const s of segments) assert.isAtLeast(+s.ended_at, +s.started_at)
    // One ffmpeg throughout: recorded time adds up to the ~14 s of wall time.
    const recorded = segments.reduce((sum, s) => sum + s.duration_ms, 0)
    assert.isAtLeast(recorded, 11_000)
    // ffmpeg was not restarted by the jump (a first connection refused while the simulated
    // camera starts would be an "unreachable" event before any run, and is not counted).
    const restarts = await db
      .from('recorder_events')
      .where('camera_id', cameraId)
      .whereIn('kind', ['stalled', 'ffmpeg_exit'])
    assert.lengthOf(restarts, 0)
  }).timeout(60_000)
})
