import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { DateTime } from 'luxon'
import { detectFfmpeg } from '#recorder/ffmpeg_binaries'
import { CameraSimulator } from '#recorder/simulator'
import liveStreams from '#services/footage/live_streams'
import renditionCache from '#services/footage/rendition_cache'
import {
  defaultTranscodeSettings,
  saveTranscodeSettings,
  TRANSCODE_SETTINGS_KEY,
  transcodeSlots,
} from '#services/footage/viewing'
import { DISPLAY_ZONE } from '#services/dates'
import { systemActor } from '#services/audit'
import { verifyPackage } from '#services/evidence/verify_package'
import { makeUser, signIn } from '#tests/helpers'
import { readZip } from '#tests/footage_support'
import { createSimulatedCameras, singleCameraRig, waitForAsync } from '#tests/recorder_support'

/*
 * Issue 20: an H.265 camera, as most cameras sold in Vietnam stream by default, watched in
 * Debian's Chromium, which cannot decode H.265. Live view and playback get the server's
 * H.264 copy; a browser that says it decodes H.265 gets the stream as recorded. Real
 * recorder, real ffmpeg, real Chromium; committed rows, cleaned up after.
 */
const until = (check: () => Promise<boolean>, timeoutMs: number) => waitForAsync(check, timeoutMs)
const playing = (page: any, selector: string, seconds: number) =>
  until(
    () =>
      page.evaluate(
        ([s, t]: [string, number]) =>
          ((globalThis as any).document.querySelector(s)?.currentTime ?? 0) > t,
        [selector, seconds]
      ),
    60_000
  )
/** Makes the page's MediaSource say it decodes H.265, as Safari or Edge on Windows do. */
const claimHevc = () => {
  const source = (globalThis as any).MediaSource
  const original = source.isTypeSupported.bind(source)
  source.isTypeSupported = (type: string) => /hvc1|hev1/.test(type) || original(type)
}

test.group('An H.265 camera in a browser without H.265', (group) => {
  let rig: Awaited<ReturnType<typeof singleCameraRig>>
  let plain: CameraSimulator
  let plainId: number
  let email: string

  group.setup(async () => {
    rig = await singleCameraRig({
      node: 'h265-browser-node',
      bin: await detectFfmpeg(),
      name: 'h265-browser',
      clip: { codec: 'h265', size: '640x360', fps: 15, gopSeconds: 1 },
      ports: { publishPort: 25574, clientPort: 26574, rtpPortStart: 35000 },
    })
    plain = new CameraSimulator({
      bin: await detectFfmpeg(),
      workDir: join(tmpdir(), 'nvr-sim-h264-browser'),
      count: 1,
      publishPort: 25584,
      clientPort: 26584,
      rtpPortStart: 36000,
    })
    await plain.start()
    const [camera] = await createSimulatedCameras([plain.url(1)])
    plainId = camera.id
    // Both cameras under one place, so one grid shows them side by side.
    const { location_id: locationId } = await db
      .from('cameras')
      .where('id', rig.cameraId)
      .firstOrFail()
    await db.from('cameras').where('id', plainId).update({ location_id: locationId })
    email = `cong.an.h265.${Date.now()}@xa.test`
    await makeUser('operator', { email })
    await rig.supervisor.start()
    await waitForAsync(async () => {
      const n = await db.from('recording_segments').where('camera_id', rig.cameraId).count('* as n')
      return Number(n[0].n) >= 3
    }, 40_000)
    return async () => {
      liveStreams.stopAll()
      await db
        .from('segment_holds')
        .whereIn(
          'segment_id',
          db.from('recording_segments').where('camera_id', rig.cameraId).select('id')
        )
        .delete()
      await rig.teardown()
      await plain.stop()
      await db.from('cameras').whereIn('id', [rig.cameraId, plainId]).update({ status: 'retired' })
      await db.from('app_settings').where('key', TRANSCODE_SETTINGS_KEY).delete()
      transcodeSlots.forget()
      await rm(renditionCache.root(), { recursive: true, force: true })
    }
  })

  group.each.teardown(() => liveStreams.stopAll())
  /** The H.265 camera's oldest recorded segment. */
  const firstSegment = () =>
    db
      .from('recording_segments')
      .where('camera_id', rig.cameraId)
      .orderBy('started_at')
      .firstOrFail()

  test('plays live through the H.264 rendition, and says so', async ({ visit, assert }) => {
    const page = await signIn(visit, email)
    await page.goto(`/footage/live/${rig.cameraId}`)
    await playing(page, 'video[data-live-src]', 1)
    assert.equal(await page.locator('video[data-live-src]').getAttribute('data-live-kind'), 'h264')
    assert.equal(
      await page.locator('[data-live-state]').textContent(),
      'trực tiếp · đã chuyển sang H.264'
    )
    assert.include(liveStreams.kinds(), 'h264')
  }).timeout(90_000)

  test('a grid plays an H.264 camera as it comes and an H.265 camera converted', async ({
    visit,
    assert,
  }) => {
    const { location_id: locationId } = await db
      .from('cameras')
      .where('id', rig.cameraId)
      .firstOrFail()
    const page = await signIn(visit, email)
    await page.goto(`/footage/live?location_id=${locationId}`)
    const h265 = `video[data-live-src$="/${rig.cameraId}/sub/index.m3u8"]`
    const h264 = `video[data-live-src$="/${plainId}/sub/index.m3u8"]`
    await playing(page, h265, 1)
    await playing(page, h264, 1)
    assert.equal(await page.locator(h265).getAttribute('data-live-kind'), 'h264')
    assert.equal(await page.locator(h264).getAttribute('data-live-kind'), 'copy')
    assert.sameMembers(liveStreams.kinds(), ['h264', 'copy'])
  }).timeout(90_000)

  test('plays back the recorded day through H.264 copies of its segments', async ({
    visit,
    assert,
  }) => {
    const first = await firstSegment()
    assert.equal(first.video_codec, 'hevc')
    const day = DateTime.fromJSDate(first.started_at).setZone(DISPLAY_ZONE).toISODate()
    const page = await signIn(visit, email)
    await page.goto(`/footage/cameras/${rig.cameraId}?day=${day}`)
    await playing(page, '#playback-video', 1.5)
    assert.equal(await page.locator('#playback-video').getAttribute('data-converted'), 'true')
    assert.include(
      (await page.locator('[data-test="player-state"]').textContent()) ?? '',
      'Đang xem bản H.264'
    )
    // The wall clock still reads the recording's time: the copy kept its timestamps.
    const wall = Number(await page.locator('#wall-clock').getAttribute('data-wall'))
    assert.isAtLeast(wall, first.started_at.getTime())
    const copies = await readdir(renditionCache.root())
    assert.include(copies, `${first.id}-720.ts`)
    // The original is as recorded: still H.265, same bytes.
    const still = await db.from('recording_segments').where('id', first.id).firstOrFail()
    assert.equal(still.sha256, first.sha256)
  }).timeout(90_000)

  test('past the transcode cap the operator reads why, in words', async ({ visit, assert }) => {
    await saveTranscodeSettings(systemActor('test'), { maxTranscodes: 1 })
    await rm(renditionCache.root(), { recursive: true, force: true })
    const page = await signIn(visit, email)
    // One live rendition takes the only slot…
    await page.goto(`/footage/live/${rig.cameraId}`)
    await playing(page, 'video[data-live-src]', 1)
    // …so a second operator's playback cannot be converted now, and is told why.
    const other = await page.context().newPage()
    const first = await firstSegment()
    const day = DateTime.fromJSDate(first.started_at).setZone(DISPLAY_ZONE).toISODate()
    await other.goto(`/footage/cameras/${rig.cameraId}?day=${day}`)
    const state = other.locator('[data-test="player-state"]')
    await state.filter({ hasText: 'tối đa' }).waitFor({ timeout: 30_000 })
    assert.include(
      (await state.textContent()) ?? '',
      'Máy chủ đang chuyển đổi hình cho 1 luồng, mức tối đa cho phép'
    )
    await saveTranscodeSettings(systemActor('test'), defaultTranscodeSettings())
  }).timeout(90_000)

  test('the operator exports H.265 evidence with an H.264 viewing copy; the package verifies', async ({
    visit,
    assert,
  }) => {
    const first = await firstSegment()
    // The window is whole minutes up to now: wait until one holds 10 s of footage.
    const floorMinute = (ms: number) => ms - (ms % 60_000)
    await waitForAsync(
      async () => floorMinute(Date.now()) - first.started_at.getTime() >= 10_000,
      70_000
    )
    const local = (ms: number) =>
      DateTime.fromMillis(ms, { zone: DISPLAY_ZONE }).toFormat("yyyy-MM-dd'T'HH:mm")
    const day = DateTime.fromJSDate(first.started_at).setZone(DISPLAY_ZONE).toISODate()
    const page = await signIn(visit, email)
    await page.goto(`/footage/cameras/${rig.cameraId}?day=${day}`)
    const form = page.locator('[data-test="export-evidence"]')
    await form.locator('input[name="from"]').fill(local(floorMinute(first.started_at.getTime())))
    await form.locator('input[name="to"]').fill(local(floorMinute(Date.now())))
    await form.getByLabel('Số hồ sơ').fill(`VV-H265-${Date.now() % 100000}`)
    await form.getByLabel('Nội dung vụ việc').fill('Trộm xe máy trước nhà văn hoá')
    await form.getByLabel('Cơ quan đề nghị').fill('Công an huyện Tư Nghĩa')
    await form.getByLabel('Người đề nghị').fill('Thượng úy Lê Văn Bình')
    await form.getByLabel('Kèm bản xem H.264 cho máy không mở được H.265').check()
    await form.getByRole('button', { name: 'Trích xuất' }).click()
    const link = page.getByRole('link', { name: /^Tải về/ })
    await link.waitFor({ timeout: 90_000 })
    assert.include(
      (await page.locator('[data-test="exports"]').textContent()) ?? '',
      'kèm bản xem H.264'
    )
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    const zipPath = join(rig.root, 'package.zip')
    await download.saveAs(zipPath)

    const check = await verifyPackage(zipPath)
    assert.isTrue(check.intact)
    const entries = await readZip(zipPath)
    const names = [...entries.keys()]
    const original = names.find((n) => n.endsWith('Z.mp4'))!
    const copy = names.find((n) => n.endsWith('_xem-H264.mp4'))!
    assert.exists(original)
    assert.exists(copy)
    // The original is H.265 tagged hvc1 for Apple players; the copy is H.264.
    assert.isTrue(entries.get(original)!.includes('hvc1'))
    assert.isFalse(entries.get(original)!.includes('avc1'))
    assert.isTrue(entries.get(copy)!.includes('avc1'))
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'))
    const clip = manifest.clips[0]
    assert.equal(clip.video_codec, 'hevc')
    assert.equal(clip.viewing_copy.file, copy)
    assert.equal(clip.viewing_copy.derived_from, original)
    assert.include(clip.viewing_copy.method, 'libx264')
    assert.includeMembers(
      manifest.files.map((f: { name: string }) => f.name),
      [original, copy]
    )
  }).timeout(180_000)

  test('a technician fills a camera in by brand and tests both streams before saving', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const technician = await makeUser('technician', { email: `kythuat.${Date.now()}@xa.test` })
    // A committed user: disabled after, so no later test finds an extra technician.
    cleanup(async () => {
      await db.from('users').where('id', technician.id).update({ disabled_at: new Date() })
    })
    const page = await signIn(visit, technician.email)
    await page.getByRole('link', { name: 'Camera', exact: true }).first().click()
    await page.getByRole('link', { name: 'Thêm camera' }).click()
    await page.getByLabel('Hãng camera').selectOption('dahua')
    await page.getByLabel('Địa chỉ camera').fill('192.168.1.108')
    await page.getByRole('button', { name: 'Điền địa chỉ luồng' }).click()
    await page.getByText('Đã điền luồng chính và luồng phụ.').waitFor()
    assert.equal(
      await page.getByLabel('Địa chỉ luồng chính (RTSP)').inputValue(),
      'rtsp://192.168.1.108/cam/realmonitor?channel=1&subtype=0'
    )
    assert.equal(await page.getByLabel('Tên đăng nhập camera').inputValue(), 'admin')

    // The camera actually here: H.265 main stream, H.264 sub stream, on loopback.
    await page.getByLabel('Địa chỉ luồng chính (RTSP)').fill(rig.simulator.url(1))
    await page.getByLabel('Địa chỉ luồng phụ (RTSP)').fill(plain.url(1))
    await page.getByLabel('Giao thức RTSP').selectOption('udp')
    await page.getByRole('button', { name: 'Thử kết nối' }).click()
    const results = page.locator('[data-stream-test-result] li')
    await results.nth(1).filter({ hasNotText: 'Đang mở luồng' }).waitFor({ timeout: 30_000 })
    await results.nth(0).filter({ hasNotText: 'Đang mở luồng' }).waitFor({ timeout: 30_000 })
    const main = (await results.nth(0).textContent()) ?? ''
    assert.include(main, 'Luồng chính: Camera gửi hình H.265 (Main), 640×360, 15 hình/giây')
    assert.include(main, 'nhiều trình duyệt không xem được')
    assert.include((await results.nth(1).textContent()) ?? '', 'Luồng phụ: Camera gửi hình H.264')

    // A stream path the camera does not have, in plain words.
    await page.getByLabel('Địa chỉ luồng phụ (RTSP)').fill('rtsp://127.0.0.1:1/khong-co')
    await page.getByRole('button', { name: 'Thử kết nối' }).click()
    await results.nth(1).filter({ hasNotText: 'Đang mở luồng' }).waitFor({ timeout: 30_000 })
    assert.include((await results.nth(1).textContent()) ?? '', 'không nhận kết nối ở cổng đó')
  }).timeout(120_000)

  test('a browser that decodes H.265 gets the stream as recorded', async ({ visit, assert }) => {
    const page = await signIn(visit, email)
    await page.addInitScript(claimHevc)
    const playlist = page.waitForResponse((r: any) => r.url().includes('/playlist.m3u8'))
    const first = await firstSegment()
    const day = DateTime.fromJSDate(first.started_at).setZone(DISPLAY_ZONE).toISODate()
    await page.goto(`/footage/cameras/${rig.cameraId}?day=${day}`)
    const response = await playlist
    assert.include(response.url(), 'decodes=h264,hevc')
    const text = await response.text()
    assert.include(text, `/footage/segments/${first.id}\n`, text)
    assert.notInclude(text, 'h264.ts')

    const live = page.waitForResponse((r: any) => r.url().includes('/main/index.m3u8'))
    await page.goto(`/footage/live/${rig.cameraId}`)
    assert.equal((await live).headers()['x-live-kind'], 'copy')
    assert.deepEqual(liveStreams.kinds(), ['copy'])
  }).timeout(90_000)
})

test.group('The transcode cap in the admin settings', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => transcodeSlots.forget())

  test('the admin sets how many conversions may run at once, from the menu', async ({
    visit,
    assert,
  }) => {
    const admin = await makeUser('admin', { email: `quantri.${Date.now()}@xa.test` })
    const page = await signIn(visit, admin.email)
    await page.getByRole('link', { name: 'Cài đặt', exact: true }).click()
    const field = page.getByLabel('Số luồng chuyển đổi cùng lúc tối đa')
    assert.equal(await field.inputValue(), String(defaultTranscodeSettings().maxTranscodes))
    await field.fill('0')
    await page.getByRole('button', { name: 'Lưu' }).nth(1).click()
    assert.include((await page.locator('body').textContent()) ?? '', 'phải lớn hơn hoặc bằng 1')
    await page.getByLabel('Số luồng chuyển đổi cùng lúc tối đa').fill('2')
    await page.getByRole('button', { name: 'Lưu' }).nth(1).click()
    await page.getByText('Đã lưu cài đặt.').waitFor()
    assert.equal(await page.getByLabel('Số luồng chuyển đổi cùng lúc tối đa').inputValue(), '2')
    transcodeSlots.forget()
    assert.equal(await transcodeSlots.limit(), 2)
  }).timeout(60_000)
})
