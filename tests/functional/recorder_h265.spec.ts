import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { CameraSimulator } from '#recorder/simulator'
import { Supervisor } from '#recorder/supervisor'
import { SegmentIndex } from '#recorder/segment_indexer'
import { leaseHooks } from '#services/cameras/recording_targets'
import { segmentsBetween } from '#services/footage/segments'
import { cutClip } from '#services/evidence/cut_clip'
import { createSimulatedCameras, sleep } from '#tests/recorder_support'

const run = promisify(execFile)

/*
 * Issue 20: most cameras sold in Vietnam stream H.265. The recorder keeps it as recorded
 * (stream copy, codec in the index) and an evidence MP4 of it is tagged `hvc1`.
 */
test.group('An H.265 camera', (group) => {
  let root: string
  let simulator: CameraSimulator
  let cameraId: number
  let supervisor: Supervisor

  group.setup(async () => {
    const bin = await detectFfmpeg()
    root = await mkdtemp(join(tmpdir(), 'nvr-h265-'))
    simulator = new CameraSimulator({
      bin,
      workDir: join(tmpdir(), 'nvr-sim-h265'),
      count: 1,
      publishPort: 25564,
      clientPort: 26564,
      rtpPortStart: 34000,
      clip: { codec: 'h265', size: '640x360', fps: 15, gopSeconds: 1 },
    })
    await simulator.start()
    const [camera] = await createSimulatedCameras([simulator.url(1)])
    cameraId = camera.id
    supervisor = new Supervisor({
      bin,
      root,
      store: db,
      index: new SegmentIndex(db, root),
      node: 'h265-node',
      segmentSeconds: 4,
      stallMs: 8000,
      ...leaseHooks({ node: 'h265-node', only: [cameraId] }),
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

  test('is recorded by stream copy, indexed as hevc, and its evidence MP4 is tagged hvc1', async ({
    assert,
  }) => {
    const bin = await detectFfmpeg()
    await supervisor.start()
    await sleep(14_000)
    await supervisor.stop()
    const rows = await db
      .from('recording_segments')
      .where('camera_id', cameraId)
      .orderBy('started_at')
    assert.isAtLeast(rows.length, 2)
    for (const s of rows) {
      assert.equal(s.video_codec, 'hevc')
      assert.equal(s.width, 640)
    }

    const from = new Date(rows[0].started_at)
    const to = new Date(rows.at(-1).ended_at)
    const segments = await segmentsBetween(cameraId, from, to)
    const outPath = join(root, 'clip.mp4')
    await cutClip({
      bin,
      segments,
      from,
      to,
      listPath: join(root, 'clip.ffconcat'),
      outPath,
      title: 'VV-TEST CAM',
    })
    const { stdout } = await run(bin.ffprobe, [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name,codec_tag_string',
      '-of',
      'json',
      outPath,
    ]).catch(async () =>
      // The bundled 2018 ffprobe crashes on some files: ask ffmpeg instead.
      run(bin.ffmpeg, ['-hide_banner', '-i', outPath]).catch((e) => ({ stdout: e.stderr }))
    )
    assert.match(stdout, /hevc/)
    assert.match(stdout, /hvc1/)
  }).timeout(90_000)
})
