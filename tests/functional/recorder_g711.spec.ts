import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { segmentsBetween } from '#services/footage/segments'
import { cutClip } from '#services/evidence/cut_clip'
import { singleCameraRig, waitForAsync } from '#tests/recorder_support'

const run = promisify(execFile)

/** What `ffmpeg -i` says of a file's streams. */
async function streamsOf(path: string) {
  const bin = await detectFfmpeg()
  return run(bin.ffmpeg, ['-hide_banner', '-i', path]).then(
    (r) => r.stderr,
    (e) => String(e.stderr)
  )
}

/*
 * Issue 20: Hikvision and Dahua cameras often send G.711 audio, which MPEG-TS cannot carry:
 * copied as it is, it becomes a data stream no player reads, and the evidence has no sound.
 * The recorder notices on the first segment and converts the audio to AAC from then on;
 * the video is still copied.
 */
test.group('A camera with G.711 audio', (group) => {
  let rig: Awaited<ReturnType<typeof singleCameraRig>>

  group.setup(async () => {
    rig = await singleCameraRig({
      node: 'g711-node',
      bin: await detectFfmpeg(),
      name: 'g711',
      clip: { audio: 'g711' },
      ports: { publishPort: 25604, clientPort: 26604, rtpPortStart: 38000 },
    })
    return () => rig.teardown()
  })

  test('keeps its sound: converted to AAC once noticed, and the evidence MP4 has it', async ({
    assert,
  }) => {
    await rig.supervisor.start()
    // The first segment shows the audio was lost as data: the camera is marked…
    await waitForAsync(async () => {
      const camera = await db.from('cameras').where('id', rig.cameraId).first()
      return camera.audio_to_aac === true
    }, 30_000)
    // …and the next run records AAC beside the copied video.
    await waitForAsync(async () => {
      const runs = await db
        .from('recording_runs')
        .where('camera_id', rig.cameraId)
        .where('audio_codec', 'aac')
      return runs.length > 0
    }, 40_000)
    const [converted] = await db
      .from('recording_runs')
      .where('camera_id', rig.cameraId)
      .where('audio_codec', 'aac')
    assert.equal(converted.video_codec, 'h264')
    await waitForAsync(async () => {
      const n = await db.from('recording_segments').where('run_id', converted.id).count('* as n')
      return Number(n[0].n) >= 2
    }, 30_000)
    await rig.supervisor.stop()

    const rows = await db
      .from('recording_segments')
      .where('run_id', converted.id)
      .orderBy('started_at')
    assert.match(await streamsOf(rows[0].path), /Audio: aac/)
    const from = new Date(rows[0].started_at)
    const to = new Date(rows.at(-1).ended_at)
    const outPath = join(rig.root, 'clip.mp4')
    const cut = await cutClip({
      bin: await detectFfmpeg(),
      segments: await segmentsBetween(rig.cameraId, from, to),
      from,
      to,
      listPath: join(rig.root, 'clip.ffconcat'),
      outPath,
      title: 'VV-G711 CAM',
    })
    assert.equal(cut.audio, 'copied')
    assert.match(await streamsOf(outPath), /Audio: aac/)
  }).timeout(120_000)
})
