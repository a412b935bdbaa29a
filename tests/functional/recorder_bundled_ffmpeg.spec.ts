import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { binaryPaths, bundledEnv, detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { CameraSimulator } from '#recorder/simulator'
import { Supervisor } from '#recorder/supervisor'
import { SegmentIndex } from '#recorder/segment_indexer'
import { leaseHooks } from '#services/cameras/recording_targets'
import { createSimulatedCameras, sleep } from '#tests/recorder_support'

/*
 * Which ffmpeg runs (issue 20): FFMPEG_PATH, else the npm bundle. This group records once
 * with the bundled 2018 build whatever FFMPEG_PATH says, so a fresh clone without any
 * install keeps recording.
 */
test.group('ffmpeg: which build runs', () => {
  test('FFMPEG_PATH when set (its ffprobe beside it), else the bundle', ({ assert }) => {
    assert.equal(binaryPaths({ FFMPEG_PATH: '/opt/ff/ffmpeg' }).ffmpeg, '/opt/ff/ffmpeg')
    assert.equal(binaryPaths({ FFMPEG_PATH: '/opt/ff/ffmpeg' }).source, 'env')
    assert.equal(binaryPaths({ PATH: '/usr/bin' }).source, 'bundled')
    assert.match(binaryPaths({ PATH: '/usr/bin' }).ffmpeg, /@ffmpeg-installer/)
    assert.equal(binaryPaths(bundledEnv()).source, 'bundled')
  })

  test('/healthz on this machine names the build', async ({ client, assert }) => {
    const health = await client.get('/healthz')
    const { version, source } = health.body().ffmpeg
    assert.match(version, /^ffmpeg version /)
    assert.include(['env', 'bundled'], source)
  })
})

test.group('Recorder on the bundled ffmpeg (the fallback of a fresh clone)', (group) => {
  let root: string
  let simulator: CameraSimulator
  let cameraId: number
  let supervisor: Supervisor

  group.setup(async () => {
    const bin = await detectFfmpeg(bundledEnv())
    root = await mkdtemp(join(tmpdir(), 'nvr-bundled-'))
    simulator = new CameraSimulator({
      bin: await detectFfmpeg(),
      workDir: join(tmpdir(), 'nvr-sim-bundled'),
      count: 1,
    })
    await simulator.start()
    const [camera] = await createSimulatedCameras([simulator.url(1)])
    cameraId = camera.id
    supervisor = new Supervisor({
      bin,
      root,
      store: db,
      index: new SegmentIndex(db, root),
      node: 'bundled-node',
      segmentSeconds: 4,
      stallMs: 8000,
      ...leaseHooks({ node: 'bundled-node', only: [cameraId] }),
      pollMs: 1000,
    })
    return async () => {
      await supervisor.stop()
      await simulator.stop()
      for (const table of ['recording_segments', 'recording_runs', 'recorder_events']) {
        await db.from(table).where('camera_id', cameraId).delete()
      }
      await db.from('camera_leases').where('camera_id', cameraId).delete()
      await db.from('cameras').where('id', cameraId).update({ recording_enabled: false })
      await rm(root, { recursive: true, force: true })
    }
  })

  test('records and indexes contiguous H.264 segments', async ({ assert }) => {
    await supervisor.start()
    await sleep(14_000)
    await supervisor.stop()
    const segments = await db
      .from('recording_segments')
      .where('camera_id', cameraId)
      .orderBy('started_at')
    assert.isAtLeast(segments.length, 2)
    for (const s of segments) {
      assert.equal(s.video_codec, 'h264')
      assert.match(s.sha256, /^[0-9a-f]{64}$/)
    }
    for (let i = 1; i < segments.length; i++) {
      const gap =
        new Date(segments[i].started_at).getTime() - new Date(segments[i - 1].ended_at).getTime()
      assert.isAtMost(Math.abs(gap), 1000)
    }
  }).timeout(60_000)
})
