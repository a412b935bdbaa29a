import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { CameraSimulator } from '#recorder/simulator'
import { Supervisor } from '#recorder/supervisor'
import { SegmentIndex } from '#recorder/segment_indexer'
import { leaseHooks } from '#services/cameras/recording_targets'
import liveStreams from '#services/footage/live_streams'
import { DISPLAY_ZONE } from '#services/dates'
import { makeUser, signIn } from '#tests/helpers'
import { createSimulatedCameras, waitForAsync } from '#tests/recorder_support'

/*
 * Real footage end to end: the recorder records a simulated camera over RTSP on loopback
 * into real segments; Chromium plays them back through the playlist and hls.js served by
 * the app, and plays the camera live. Committed rows (the recorder uses its own
 * connections), cleaned up after.
 */
/** Polls in the page (waitForFunction evaluates strings, which the app's CSP forbids). */
const until = (check: () => Promise<boolean>, timeoutMs: number) => waitForAsync(check, timeoutMs)

test.group('Footage in a real browser', (group) => {
  let root: string
  let simulator: CameraSimulator
  let supervisor: Supervisor
  let cameraId: number
  let email: string

  group.setup(async () => {
    const bin = await detectFfmpeg()
    root = await mkdtemp(join(tmpdir(), 'nvr-play-'))
    simulator = new CameraSimulator({ bin, workDir: join(tmpdir(), 'nvr-sim-play'), count: 1 })
    await simulator.start()
    const [camera] = await createSimulatedCameras([simulator.url(1)])
    cameraId = camera.id
    email = `cong.an.${Date.now()}@xa.test`
    await makeUser('operator', { email })
    supervisor = new Supervisor({
      bin,
      root,
      store: db,
      index: new SegmentIndex(db, root),
      node: 'browser-test-node',
      segmentSeconds: 3,
      stallMs: 8000,
      ...leaseHooks({ node: 'browser-test-node', only: [cameraId] }),
      pollMs: 1000,
    })
    await supervisor.start()
    await waitForAsync(async () => {
      const n = await db.from('recording_segments').where('camera_id', cameraId).count('* as n')
      return Number(n[0].n) >= 3
    }, 40_000)
    return async () => {
      liveStreams.stopAll()
      await supervisor.stop()
      await simulator.stop()
      await db
        .from('segment_holds')
        .whereIn(
          'segment_id',
          db.from('recording_segments').where('camera_id', cameraId).select('id')
        )
        .delete()
      await db.from('recording_segments').where('camera_id', cameraId).delete()
      await db.from('recording_runs').where('camera_id', cameraId).delete()
      await db.from('recorder_events').where('camera_id', cameraId).delete()
      await db.from('camera_leases').where('camera_id', cameraId).delete()
      await db
        .from('cameras')
        .where('id', cameraId)
        .update({ recording_enabled: false, status: 'retired' })
      await rm(root, { recursive: true, force: true })
    }
  })

  test('the operator plays back a recorded segment: time advances and the wall clock is shown', async ({
    visit,
    assert,
  }) => {
    const first = await db
      .from('recording_segments')
      .where('camera_id', cameraId)
      .orderBy('started_at')
      .firstOrFail()
    const day = DateTime.fromJSDate(first.started_at).setZone(DISPLAY_ZONE).toISODate()
    const page = await signIn(visit, email)
    await page.goto(`/footage/cameras/${cameraId}?day=${day}`)
    await until(
      () =>
        page.evaluate(
          () => (globalThis as any).document.getElementById('playback-video').currentTime > 1.5
        ),
      30_000
    )
    const clock = page.locator('#wall-clock')
    assert.match((await clock.textContent()) ?? '', /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/)
    const wall = Number(await clock.getAttribute('data-wall'))
    assert.isAtLeast(wall, first.started_at.getTime())
    assert.isAtMost(wall, Date.now())
    // 4× plays faster.
    await page.click('[data-speed="4"]')
    assert.equal(
      await page.evaluate(
        () => (globalThis as any).document.getElementById('playback-video').playbackRate
      ),
      4
    )
    const viewed = await db
      .from('audit_events')
      .where('action', 'footage.view')
      .where('entity_id', String(cameraId))
      .first()
    assert.exists(viewed)
  }).timeout(60_000)

  test('the operator watches the camera live (short HLS from the camera, no media server)', async ({
    visit,
    assert,
  }) => {
    const page = await signIn(visit, email)
    await page.goto(`/footage/live/${cameraId}`)
    await until(
      () =>
        page.evaluate(
          () => (globalThis as any).document.querySelector('video[data-live-src]')?.currentTime > 1
        ),
      45_000
    )
    assert.equal(liveStreams.running, 1)
    assert.equal(await page.locator('[data-live-state]').textContent(), 'trực tiếp')
  }).timeout(60_000)
})
