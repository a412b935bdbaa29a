import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { binaryPaths, bundledEnv, detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { singleCameraRig, sleep } from '#tests/recorder_support'

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
  let rig: Awaited<ReturnType<typeof singleCameraRig>>

  group.setup(async () => {
    rig = await singleCameraRig({
      node: 'bundled-node',
      bin: await detectFfmpeg(bundledEnv()),
      name: 'bundled',
    })
    return () => rig.teardown()
  })

  test('records and indexes contiguous H.264 segments', async ({ assert }) => {
    await rig.supervisor.start()
    await sleep(14_000)
    await rig.supervisor.stop()
    const segments = await db
      .from('recording_segments')
      .where('camera_id', rig.cameraId)
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
