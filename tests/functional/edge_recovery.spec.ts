import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import Camera from '#models/camera'
import User from '#models/user'
import createLocation from '#actions/locations/save_location'
import { detectFfmpeg, type FfmpegBinaries } from '#recorder/ffmpeg_binaries'
import { CameraSimulator } from '#recorder/simulator'
import { Supervisor } from '#recorder/supervisor'
import { SegmentIndex } from '#recorder/segment_indexer'
import { EdgeRecoveryRunner, MAX_ATTEMPTS, type EdgeRecoveryDeps } from '#recorder/edge_recovery'
import { leaseHooks } from '#services/cameras/recording_targets'
import { edgeRecoverySettings, replaySourceFor } from '#services/cameras/edge_replay'
import { gapsIn, segmentsBetween } from '#services/footage/segments'
import { dayTimeline } from '#services/footage/timeline'
import { cameraHealth } from '#services/cameras/camera_health'
import { requestRecovery } from '#actions/footage/request_recovery'
import { DISPLAY_ZONE } from '#services/dates'
import { compactUtc } from '#recorder/rtsp_wire'
import { systemActor } from '#services/audit'
import { OnvifDevice } from '#tests/fixtures/onvif_device'
import { actorFromUser, makeUser } from '#tests/helpers'
import { createSimulatedCameras, sleep, waitFor } from '#tests/recorder_support'

const SEGMENT_SECONDS = 4

/*
 * Footage missing after a Wi-Fi drop, fetched back from the camera's own SD card: real
 * ffmpeg recording a simulated camera, whose card serves replay over RTSP on loopback in
 * the Hikvision URL form and as ONVIF Profile G (through the ONVIF fixture). Committed
 * rows, cleaned up after.
 */
test.group('Gap fill from the camera SD card', (group) => {
  let root: string
  let bin: FfmpegBinaries
  let simulator: CameraSimulator
  let device: OnvifDevice
  let liveId: number
  let onvifId: number
  let deadId: number
  let deps: EdgeRecoveryDeps
  /** Committed cameras made by a test, cleaned up with the group's. */
  const extra: number[] = []

  const segmentsOf = (cameraId: number) =>
    db.from('recording_segments').where('camera_id', cameraId).orderBy('started_at')
  const jobsOf = (cameraId: number) =>
    db.from('edge_recoveries').where('camera_id', cameraId).orderBy('id')

  group.setup(async () => {
    bin = await detectFfmpeg()
    root = await mkdtemp(join(tmpdir(), 'nvr-edge-'))
    simulator = new CameraSimulator({
      bin,
      workDir: join(tmpdir(), 'nvr-sim'),
      count: 2,
      publishPort: 25610,
      clientPort: 26610,
      rtpPortStart: 34000,
      sdCards: true,
    })
    await simulator.start()
    const cards = simulator.cards!
    device = new OnvifDevice({
      username: 'admin',
      password: 'the-camera-password',
      replayUri: `rtsp://127.0.0.1:${cards.port}/onvif/replay/cam2`,
    })
    await device.start()
    const cameras = await createSimulatedCameras([
      simulator.url(1),
      simulator.url(2),
      'rtsp://127.0.0.1:1/live',
    ])
    ;[liveId, onvifId, deadId] = cameras.map((c) => c.id)
    await db
      .from('cameras')
      .where('id', liveId)
      .update({
        edge_storage: 'template',
        edge_replay_template: cards.hikvisionUrl(1),
      })
    const onvif = await Camera.findOrFail(onvifId)
    onvif.merge({
      edgeStorage: 'onvif',
      onvifHost: '127.0.0.1',
      onvifPort: device.port,
      recordingEnabled: false,
    })
    onvif.setCredentials('admin', 'the-camera-password')
    await onvif.save()
    await db.from('cameras').where('id', deadId).update({
      edge_storage: 'hikvision',
      recording_enabled: false,
    })
    deps = {
      bin,
      root,
      store: db,
      index: new SegmentIndex(db, root),
      node: 'test-edge',
      segmentSeconds: SEGMENT_SECONDS,
      replaySource: replaySourceFor,
      bytesPerSecond: async () => 0,
    }
    return async () => {
      await simulator.stop()
      await device.stop()
      const ids = [liveId, onvifId, deadId, ...extra]
      await db.from('recording_segments').whereIn('camera_id', ids).delete()
      await db.from('edge_recoveries').whereIn('camera_id', ids).delete()
      await db.from('recording_runs').whereIn('camera_id', ids).delete()
      await db.from('recorder_events').whereIn('camera_id', ids).delete()
      await db.from('camera_leases').whereIn('camera_id', ids).delete()
      await db
        .from('cameras')
        .whereIn('id', ids)
        .update({ recording_enabled: false, edge_storage: 'none', status: 'retired' })
      await rm(root, { recursive: true, force: true })
    }
  })

  test('a 20 s Wi-Fi drop is fetched back from the card: no gap left, shown on the timeline and in coverage, and never fetched twice', async ({
    assert,
    client,
  }) => {
    const supervisor = new Supervisor({
      ...deps,
      stallMs: 8000,
      ...leaseHooks({ node: 'test-edge', only: [liveId] }),
      pollMs: 1000,
    })
    await supervisor.start()
    const worker = () => supervisor.workers.get(liveId)!
    await waitFor(() => worker()?.state === 'recording', 15_000)
    await sleep(6000)
    // The household's Wi-Fi goes: the stream is gone, the camera keeps writing its card.
    simulator.drop(1)
    await sleep(20_000)
    simulator.restore(1)
    await waitFor(() => worker().state === 'recording', 40_000)
    await sleep(8000)
    await supervisor.stop()

    const live = await segmentsOf(liveId)
    const runs = await db.from('recording_runs').where('camera_id', liveId).orderBy('started_at')
    assert.lengthOf(runs, 2)
    const gapFrom = new Date(runs[0].ended_at).getTime()
    const gapTo = new Date(runs[1].started_at).getTime()
    assert.isAtLeast(gapTo - gapFrom, 19_000, 'the outage left a gap of at least the 20 s')

    // The recorder's job queues the closed gap and fetches it.
    const runner = new EdgeRecoveryRunner(deps)
    await runner.tick()
    const [job] = await jobsOf(liveId)
    assert.equal(job.status, 'done', job.last_error)
    assert.equal(job.trigger, 'gap_closed')
    assert.equal(new Date(job.window_from).getTime(), gapFrom)
    assert.equal(new Date(job.window_to).getTime(), gapTo)
    assert.approximately(job.missing_ms, gapTo - gapFrom, 1500)
    assert.approximately(job.recovered_ms, job.missing_ms, 1500)
    assert.equal(job.still_missing_ms, 0)
    assert.equal(job.attempts, 1)
    // The card was asked once, in the Hikvision form, for exactly the gap (whole seconds).
    const plays = simulator.cards!.plays.filter((p) => p.camera === 1)
    assert.lengthOf(plays, 1)
    assert.approximately(plays[0].requested.from.getTime(), gapFrom, 1000)
    assert.approximately(plays[0].requested.to.getTime(), gapTo, 1000)

    const all = await segmentsOf(liveId)
    const recovered = all.filter((s) => s.edge_recovery_id !== null)
    assert.isAtLeast(recovered.length, 4)
    for (const s of recovered) {
      assert.equal(s.edge_recovery_id, job.id)
      assert.isTrue(s.recovered)
      assert.equal(s.video_codec, 'h264')
      assert.match(s.sha256, /^[0-9a-f]{64}$/)
      assert.isAtLeast(new Date(s.started_at).getTime(), gapFrom)
      assert.isAtMost(new Date(s.ended_at).getTime(), gapTo)
    }
    // Ordinary segments in time order: nothing recovered overlaps anything else.
    for (let i = 1; i < all.length; i++) {
      if (all[i - 1].edge_recovery_id === null && all[i].edge_recovery_id === null) continue
      assert.isAtMost(
        new Date(all[i - 1].ended_at).getTime(),
        new Date(all[i].started_at).getTime() + 50,
        `segments ${all[i - 1].id} and ${all[i].id} overlap`
      )
    }
    assert.equal(all.length, live.length + recovered.length)

    // No gap is left across the whole recording; the timeline shows the card's span.
    const first = new Date(all[0].started_at)
    const last = new Date(all.at(-1).ended_at)
    const indexed = await segmentsBetween(liveId, first, last)
    assert.deepEqual(await gapsIn(liveId, indexed, first, last), [])
    const day = DateTime.fromJSDate(first).setZone(DISPLAY_ZONE).toISODate()!
    const timeline = await dayTimeline(liveId, day)
    const cardSpans = timeline.spans.filter((s) => s.fromCard)
    assert.lengthOf(cardSpans, 1)
    // Each end of the card's span meets the live footage within the gap tolerance (a card
    // starts at a keyframe): the ends are checked one by one, not their sum.
    assert.approximately(cardSpans[0].from, gapFrom, 1500)
    assert.approximately(cardSpans[0].to, gapTo, 1500)
    assert.lengthOf(timeline.spans, 3)

    // Coverage counts it: the health page's missing time is under a second of jitter.
    const health = await cameraHealth(liveId)
    assert.approximately(health.edge.recoveredMs, gapTo - gapFrom, 2 * 1500)
    assert.isBelow(health.edge.missingMs, 1500)

    // A second pass finds nothing to queue; the operator asking for the same window again
    // from the timeline fetches nothing twice and does not even ask the camera.
    await runner.tick()
    assert.lengthOf(await jobsOf(liveId), 1)
    const operator = await makeUser('operator')
    const response = await client
      .post(`/footage/cameras/${liveId}/recoveries`)
      .form({ from_ms: gapFrom, to_ms: gapTo, day })
      .withCsrfToken()
      .loginAs(operator)
      .redirects(0)
    response.assertStatus(302)
    const [again] = await jobsOf(liveId)
    assert.equal(again.status, 'pending')
    assert.equal(again.trigger, 'requested')
    assert.equal(again.requested_by, operator.id)
    await runner.tick()
    const [done] = await jobsOf(liveId)
    assert.equal(done.status, 'done')
    assert.equal(done.still_missing_ms, 0)
    assert.lengthOf(await segmentsOf(liveId), all.length)
    assert.lengthOf(
      simulator.cards!.plays.filter((p) => p.camera === 1),
      1
    )
    const audit = await db
      .from('audit_events')
      .where('action', 'footage.recover_request')
      .where('entity_id', liveId)
      .first()
    assert.exists(audit)

    // The playback page shows the span in its own colour and the job.
    const page = await client.get(`/footage/cameras/${liveId}`).qs({ day }).loginAs(operator)
    page.assertStatus(200)
    page.assertTextIncludes('span from-card')
    page.assertTextIncludes('Đã đủ')
  }).timeout(150_000)

  test('ONVIF Profile G: the window goes in PLAY as Range: clock=; a card missing half the window is a partial recovery', async ({
    assert,
  }) => {
    const from = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000)
    const to = new Date(from.getTime() + 30_000)
    // The camera had no power for the second half: its card has nothing there either.
    simulator.cards!.erase(2, new Date(from.getTime() + 15_000), new Date(to.getTime() + 3600_000))
    await requestRecovery({ actor: systemActor('test'), cameraId: onvifId, from, to })
    await new EdgeRecoveryRunner(deps).tick()

    const [job] = await jobsOf(onvifId)
    assert.equal(job.status, 'partial', job.last_error)
    assert.equal(job.missing_ms, 30_000)
    assert.approximately(job.recovered_ms, 15_000, 1500)
    assert.approximately(job.still_missing_ms, 15_000, 1500)
    assert.isTrue(device.requests.includes('GetRecordings'))
    assert.isTrue(device.requests.includes('GetReplayUri'))
    const play = simulator.cards!.plays.filter((p) => p.camera === 2).at(-1)!
    assert.include(play.headers, 'Require: onvif-replay')
    assert.include(play.headers, `Range: clock=${compactUtc(from)}-${compactUtc(to)}`)
    const segments = await segmentsOf(onvifId)
    assert.isAtLeast(segments.length, 3)
    assert.equal(new Date(segments[0].started_at).getTime(), from.getTime())
    assert.isAtMost(new Date(segments.at(-1).ended_at).getTime(), from.getTime() + 16_000)

    // Nothing on the card at all: recorded as such, not retried.
    const early = new Date(simulator.cards!.recordingSince.getTime() - 3600_000)
    await requestRecovery({
      actor: systemActor('test'),
      cameraId: onvifId,
      from: early,
      to: new Date(early.getTime() + 60_000),
    })
    await new EdgeRecoveryRunner(deps).tick()
    const none = (await jobsOf(onvifId)).at(-1)
    assert.equal(none.status, 'not_on_card')
    assert.equal(none.attempts, 1)
    assert.equal(none.recovered_ms, 0)
  }).timeout(60_000)

  test('a camera that cannot be reached is retried with backoff, then given up', async ({
    assert,
  }) => {
    const to = new Date(Date.now() - 60_000)
    await requestRecovery({
      actor: systemActor('test'),
      cameraId: deadId,
      from: new Date(to.getTime() - 30_000),
      to,
    })
    const runner = new EdgeRecoveryRunner(deps)
    const before = Date.now()
    await runner.tick()
    let [job] = await jobsOf(deadId)
    assert.equal(job.status, 'pending')
    assert.equal(job.attempts, 1)
    assert.match(job.last_error, /unreachable|ECONNREFUSED/)
    const wait = new Date(job.next_attempt_at).getTime() - before
    assert.isAtLeast(wait, 55_000)
    // Not due yet: a pass leaves it alone.
    await runner.tick()
    ;[job] = await jobsOf(deadId)
    assert.equal(job.attempts, 1)
    // The last attempt fails too: given up, with the reason kept.
    await db
      .from('edge_recoveries')
      .where('id', job.id)
      .update({ attempts: MAX_ATTEMPTS - 1, next_attempt_at: new Date(Date.now() - 1000) })
    await runner.tick()
    ;[job] = await jobsOf(deadId)
    assert.equal(job.status, 'failed')
    assert.equal(job.attempts, MAX_ATTEMPTS)
    assert.equal(job.still_missing_ms, 30_000)
  }).timeout(60_000)

  test('asking from the timeline: checked, in Vietnamese, and only for the operator', async ({
    client,
    assert,
  }) => {
    const operator = await makeUser('operator')
    const now = Date.now()
    const bad = await client
      .post(`/footage/cameras/${liveId}/recoveries`)
      .form({ from_ms: now - 1000, to_ms: now - 5000 })
      .withCsrfToken()
      .loginAs(operator)
    bad.assertTextIncludes('Thời điểm kết thúc phải sau thời điểm bắt đầu')
    const future = await client
      .post(`/footage/cameras/${liveId}/recoveries`)
      .form({ from_ms: now, to_ms: now + 60_000 })
      .withCsrfToken()
      .loginAs(operator)
    future.assertTextIncludes('Chỉ lấy được đoạn đã qua')
    const plain = (await createSimulatedCameras(['rtsp://127.0.0.1:1/x']))[0]
    const none = await client
      .post(`/footage/cameras/${plain.id}/recoveries`)
      .form({ from_ms: now - 60_000, to_ms: now - 1000 })
      .withCsrfToken()
      .loginAs(operator)
    none.assertTextIncludes('chưa được cài đặt cách lấy từ thẻ nhớ')
    extra.push(plain.id)
    const treasurer = await makeUser('treasurer')
    const forbidden = await client
      .post(`/footage/cameras/${liveId}/recoveries`)
      .form({ from_ms: now - 60_000, to_ms: now - 1000 })
      .withCsrfToken()
      .loginAs(treasurer)
    forbidden.assertStatus(403)
    const jobs = await db
      .from('edge_recoveries')
      .whereIn('camera_id', [liveId, plain.id])
      .where('window_to', '>', new Date(now - 10_000))
    assert.lengthOf(jobs, 0)
  })
})

test.group('SD card settings', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a camera saves how its card is read; templates are checked; presets put the window in the vendor form', async ({
    client,
    assert,
  }) => {
    const technician = await makeUser('technician')
    const token = (await User.accessTokens.create(technician)).value!.release()
    const location = await createLocation({
      actor: actorFromUser(technician),
      parentId: null,
      kind: 'route',
      name: 'Tuyến thẻ nhớ',
    })
    const base = {
      name: 'Cổng chợ',
      location_id: location.id,
      status: 'planned',
      main_stream_url: 'rtsp://admin:mk-9@192.168.1.20:554/Streaming/Channels/101',
    }
    const missing = await client
      .post('/api/v1/cameras')
      .bearerToken(token)
      .json({ ...base, edge_storage: 'template' })
    missing.assertStatus(422)
    assert.equal(missing.body().errors[0].message, 'Vui lòng nhập Mẫu địa chỉ phát lại')
    const wrong = await client
      .post('/api/v1/cameras')
      .bearerToken(token)
      .json({ ...base, edge_storage: 'template', edge_replay_template: 'http://x/{start}' })
    wrong.assertStatus(422)
    assert.match(
      wrong.body().errors[0].message,
      /^Mẫu địa chỉ phát lại phải bắt đầu bằng rtsp:\/\/ và chứa \{start\} và \{end\}/
    )
    const odd = await client
      .post('/api/v1/cameras')
      .bearerToken(token)
      .json({ ...base, edge_storage: 'floppy' })
    odd.assertStatus(422)
    assert.lengthOf(await db.from('cameras').where('name', 'Cổng chợ'), 0)

    const created = await client
      .post('/api/v1/cameras')
      .bearerToken(token)
      .json({ ...base, edge_storage: 'hikvision' })
    created.assertStatus(201)
    assert.equal(created.body().data.edge_storage, 'hikvision')
    const id = created.body().data.id
    // The camera's clock runs 5 s ahead: the card is asked in its time, widened to seconds.
    await db.from('cameras').where('id', id).update({ clock_offset_seconds: 5 })
    const window = {
      from: new Date('2026-11-28T03:00:00.400Z'),
      to: new Date('2026-11-28T03:00:30.200Z'),
    }
    let { source } = await replaySourceFor(id, window)
    assert.equal(
      source!.url,
      'rtsp://admin:mk-9@192.168.1.20:554/Streaming/tracks/101?starttime=20261128T030005Z&endtime=20261128T030036Z'
    )
    assert.equal(source!.clockOffsetMs, 5000)
    await db.from('cameras').where('id', id).update({ edge_storage: 'dahua' })
    ;({ source } = await replaySourceFor(id, window))
    assert.equal(
      source!.url,
      'rtsp://admin:mk-9@192.168.1.20:554/cam/playback?channel=1&subtype=0&starttime=2026_11_28_10_00_05&endtime=2026_11_28_10_00_36'
    )
    await db.from('cameras').where('id', id).update({ edge_storage: 'none' })
    assert.isNull((await replaySourceFor(id, window)).source)
  })

  test('the admin sets the pull rate; the recorder reads it; a negative rate is refused', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('admin')
    const form = {
      offline_minutes: '30',
      flap_outages: '4',
      flap_window_minutes: '60',
      recovery_minutes: '10',
    }
    const page = await client.get('/maintenance/settings').loginAs(admin)
    page.assertTextIncludes('Tốc độ tối đa khi lấy từ thẻ nhớ')
    const bad = await client
      .post('/maintenance/settings')
      .loginAs(admin)
      .form({ ...form, edge_recovery_kbps: '-1' })
      .withCsrfToken()
      .redirects(0)
    assert.isDefined(bad.flashMessage('inputErrorsBag').edge_recovery_kbps)
    assert.equal((await edgeRecoverySettings()).kbps, 3000)
    await client
      .post('/maintenance/settings')
      .loginAs(admin)
      .form({ ...form, edge_recovery_kbps: '1500' })
      .withCsrfToken()
    assert.equal((await edgeRecoverySettings()).kbps, 1500)
  })
})
