import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { segmentsBetween } from '#services/footage/segments'
import { cutClip } from '#services/evidence/cut_clip'
import { cameraHealth } from '#services/cameras/camera_health'
import { singleCameraRig, sleep } from '#tests/recorder_support'

const run = promisify(execFile)

/*
 * Issue 20: most cameras sold in Vietnam stream H.265. The recorder keeps it as recorded
 * (stream copy, codec in the index) and an evidence MP4 of it is tagged `hvc1`.
 */
test.group('An H.265 camera', (group) => {
  let rig: Awaited<ReturnType<typeof singleCameraRig>>

  group.setup(async () => {
    rig = await singleCameraRig({
      node: 'h265-node',
      bin: await detectFfmpeg(),
      name: 'h265',
      clip: { codec: 'h265', size: '640x360', fps: 15, gopSeconds: 1 },
      ports: { publishPort: 25564, clientPort: 26564, rtpPortStart: 34000 },
    })
    return () => rig.teardown()
  })

  test('is recorded by stream copy, indexed as hevc, and its evidence MP4 is tagged hvc1', async ({
    assert,
  }) => {
    const bin = await detectFfmpeg()
    await rig.supervisor.start()
    await sleep(14_000)
    await rig.supervisor.stop()
    const rows = await db
      .from('recording_segments')
      .where('camera_id', rig.cameraId)
      .orderBy('started_at')
    assert.isAtLeast(rows.length, 2)
    for (const s of rows) {
      assert.equal(s.video_codec, 'hevc')
      assert.equal(s.width, 640)
    }

    const from = new Date(rows[0].started_at)
    const to = new Date(rows.at(-1).ended_at)
    const segments = await segmentsBetween(rig.cameraId, from, to)
    const outPath = join(rig.root, 'clip.mp4')
    await cutClip({
      bin,
      segments,
      from,
      to,
      listPath: join(rig.root, 'clip.ffconcat'),
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

    // The run keeps what the camera sent, and the camera page says it in the box's words.
    const [firstRun] = await db
      .from('recording_runs')
      .where('camera_id', rig.cameraId)
      .orderBy('started_at')
    assert.equal(firstRun.video_codec, 'hevc')
    assert.equal(firstRun.video_profile, 'Main')
    assert.equal(firstRun.width, 640)
    assert.equal(Number(firstRun.fps), 15)
    const health = await cameraHealth(rig.cameraId)
    assert.include(health.stream!, { videoCodec: 'H.265', profile: 'Main', width: 640, fps: 15 })
  }).timeout(90_000)
})
