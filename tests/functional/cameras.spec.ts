import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Camera from '#models/camera'
import User from '#models/user'
import createLocation from '#actions/locations/save_location'
import saveHousehold from '#actions/households/save_household'
import seedSampleCameras, { SAMPLE_LOCATIONS } from '#actions/demo/seed_sample_cameras'
import { actorFromUser, makeUser } from '#tests/helpers'

const SECRET = 'Mk-bi-mat-9x!'

async function tokenFor(user: User) {
  return (await User.accessTokens.create(user)).value!.release()
}

async function setting() {
  const technician = await makeUser('technician')
  const actor = actorFromUser(technician)
  const location = await createLocation({
    actor,
    parentId: null,
    kind: 'route',
    name: 'Tỉnh lộ 628',
  })
  const consenting = await saveHousehold({
    actor,
    fields: { headName: 'Nguyễn Văn Hộ', consentSignedOn: '2026-04-15' },
  })
  const undecided = await saveHousehold({ actor, fields: { headName: 'Trần Thị Chưa' } })
  return { technician, location, consenting, undecided, token: await tokenFor(technician) }
}

test.group('Camera register', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('credentials are encrypted at rest and absent from pages, API, audit log and URLs', async ({
    client,
    assert,
  }) => {
    const { technician, location, consenting, token } = await setting()
    const created = await client
      .post('/api/v1/cameras')
      .bearerToken(token)
      .json({
        name: 'Ngã tư trường học',
        location_id: location.id,
        household_id: consenting.id,
        status: 'active',
        main_stream_url: `rtsp://admin:${encodeURIComponent(SECRET)}@192.168.1.20:554/stream1`,
      })
    created.assertStatus(201)
    const body = JSON.stringify(created.body())
    assert.notInclude(body, SECRET)
    assert.notInclude(body, 'admin:')
    assert.equal(created.body().data.code, 'CAM-001')
    assert.isTrue(created.body().data.has_credentials)
    assert.equal(created.body().data.main_stream_url, 'rtsp://192.168.1.20:554/stream1')

    const row = await db.from('cameras').where('id', created.body().data.id).firstOrFail()
    assert.notInclude(JSON.stringify(row), SECRET)
    assert.notInclude(row.main_stream_url, 'admin')
    const camera = await Camera.findOrFail(row.id)
    assert.deepEqual(camera.credentials(), { username: 'admin', password: SECRET })

    // Changing the password through the form: not echoed, not audited.
    const form = await client
      .put(`/cameras/${row.id}`)
      .loginAs(technician)
      .form({
        name: 'Ngã tư trường học',
        location_id: location.id,
        household_id: consenting.id,
        status: 'active',
        password: 'mat-khau-moi-2',
        main_stream_url: 'rtsp://192.168.1.20:554/stream1',
      })
      .withCsrfToken()
      .redirects(0)
    form.assertStatus(302)
    await camera.refresh()
    assert.equal(camera.credentials().password, 'mat-khau-moi-2')
    assert.equal(camera.credentials().username, 'admin', 'an empty username keeps the stored one')

    for (const url of ['/cameras', `/cameras/${row.id}`, `/cameras/${row.id}/edit`]) {
      const page = await client.get(url).loginAs(technician)
      page.assertStatus(200)
      assert.notInclude(page.text(), SECRET, url)
      assert.notInclude(page.text(), 'mat-khau-moi-2', url)
      assert.notMatch(page.text(), /value="admin"/, url)
    }
    const audit = JSON.stringify(await db.from('audit_events').where('entity_type', 'camera'))
    assert.notInclude(audit, SECRET)
    assert.notInclude(audit, 'mat-khau-moi-2')
    assert.include(audit, '"credentialsChanged":true')

    // Even a direct write cannot keep a password inside a stored URL.
    await assert.rejects(() =>
      db.transaction((trx) =>
        trx.from('cameras').where('id', row.id).update({ main_stream_url: 'rtsp://u:p@10.0.0.1/x' })
      )
    )
  })

  test('a camera is pinned to one recorder node by name; a malformed name is refused in Vietnamese', async ({
    client,
    assert,
  }) => {
    const { technician, location, consenting, token } = await setting()
    const fields = {
      name: 'Cổng chợ',
      location_id: location.id,
      household_id: consenting.id,
      status: 'active',
      main_stream_url: 'rtsp://192.168.1.21:554/stream1',
    }
    const bad = await client
      .post('/api/v1/cameras')
      .bearerToken(token)
      .header('accept-language', 'vi')
      .json({ ...fields, pinned_node: 'trạm thôn; drop' })
    bad.assertStatus(422)
    assert.include(JSON.stringify(bad.body()), 'Máy ghi không đúng định dạng')
    assert.equal(
      await db
        .from('cameras')
        .count('* as n')
        .first()
        .then((r) => Number(r.n)),
      0
    )

    const created = await client
      .post('/api/v1/cameras')
      .bearerToken(token)
      .json({ ...fields, pinned_node: 'hub-thon-2' })
    created.assertStatus(201)
    const camera = await Camera.findOrFail(created.body().data.id)
    assert.equal(camera.pinnedNode, 'hub-thon-2')
    assert.equal(created.body().data.pinned_node, 'hub-thon-2')
    const page = await client.get(`/cameras/${camera.id}`).loginAs(technician)
    page.assertTextIncludes('hub-thon-2')
  })

  test('a camera goes active only on a household with consent or a public place', async ({
    client,
    assert,
  }) => {
    const { location, consenting, undecided, token } = await setting()
    const refused = await client.post('/api/v1/cameras').bearerToken(token).json({
      name: 'Cổng chợ',
      location_id: location.id,
      household_id: undecided.id,
      status: 'active',
    })
    refused.assertStatus(422)
    assert.equal(
      refused.body().errors[0].message,
      'Camera chỉ hoạt động được khi hộ đặt camera đã ký đồng ý hoặc là nơi công cộng'
    )
    const noHost = await client.post('/api/v1/cameras').bearerToken(token).json({
      name: 'Cổng chợ',
      location_id: location.id,
      status: 'active',
    })
    noHost.assertStatus(422)

    const planned = await client.post('/api/v1/cameras').bearerToken(token).json({
      name: 'Cổng chợ',
      location_id: location.id,
      household_id: undecided.id,
      status: 'planned',
    })
    planned.assertStatus(201)
    // The database holds the same rule.
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx.from('cameras').where('id', planned.body().data.id).update({ status: 'active' })
        ),
      /chưa có hộ gia đình đồng ý/
    )
    const ok = await client.post('/api/v1/cameras').bearerToken(token).json({
      name: 'Nhà văn hoá',
      location_id: location.id,
      household_id: consenting.id,
      status: 'active',
    })
    ok.assertStatus(201)

    const market = await client
      .post('/api/v1/households')
      .bearerToken(token)
      .json({ head_name: 'Chợ Tre (nơi công cộng)', is_public_place: true })
    market.assertStatus(201)
    const onMarket = await client.post('/api/v1/cameras').bearerToken(token).json({
      name: 'Chợ Tre',
      location_id: location.id,
      household_id: market.body().data.id,
      status: 'active',
    })
    onMarket.assertStatus(201)
  })

  test('who reads and who writes the register', async ({ client }) => {
    const { location, token } = await setting()
    for (const role of ['operator', 'committee', 'viewer'] as const) {
      const t = await tokenFor(await makeUser(role))
      ;(await client.get('/api/v1/cameras').bearerToken(t)).assertStatus(200)
      ;(
        await client
          .post('/api/v1/cameras')
          .bearerToken(t)
          .json({ name: 'X', location_id: location.id, status: 'planned' })
      ).assertStatus(403)
    }
    const treasurer = await tokenFor(await makeUser('treasurer'))
    ;(await client.get('/api/v1/cameras').bearerToken(treasurer)).assertStatus(403)
    ;(
      await client.get('/api/v1/households').bearerToken(await tokenFor(await makeUser('viewer')))
    ).assertStatus(403)
    ;(await client.get('/api/v1/households').bearerToken(token)).assertStatus(200)

    // The live status feed the list and site plan poll follows the same rule.
    const live = await client.get('/cameras/live').loginAs(await makeUser('viewer'))
    live.assertStatus(200)
    live.assertBodyContains({ cameras: [] })
    ;(await client.get('/cameras/live').loginAs(await makeUser('treasurer'))).assertStatus(403)
  })

  test('a pin placed on the site plan stays there', async ({ client, assert }) => {
    const { technician, location, consenting } = await setting()
    const camera = await client
      .post('/api/v1/cameras')
      .bearerToken(await tokenFor(technician))
      .json({
        name: 'Ngã ba',
        location_id: location.id,
        household_id: consenting.id,
        status: 'active',
      })
    const id = camera.body().data.id
    const placed = await client
      .post('/site-plan/pins')
      .loginAs(technician)
      .form({ camera_id: String(id), x: '0.25', y: '0.75' })
      .withCsrfToken()
      .redirects(0)
    placed.assertStatus(302)
    const row = await db.from('cameras').where('id', id).firstOrFail()
    assert.equal(Number(row.plan_x), 0.25)
    assert.equal(Number(row.plan_y), 0.75)
    const bad = await client
      .post('/site-plan/pins')
      .loginAs(technician)
      .form({ camera_id: String(id), x: '1.5', y: '-1' })
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(Object.keys(bad.flashMessage('inputErrorsBag')).sort(), ['x', 'y'])
  })

  test('the seed gives 26 cameras with the report’s counts per location', async ({ assert }) => {
    await seedSampleCameras()
    assert.equal((await seedSampleCameras()).created, 0)
    const rows = await db
      .from('cameras')
      .join('locations', 'locations.id', 'cameras.location_id')
      .groupBy('locations.name')
      .select('locations.name')
      .count('* as n')
    const counts: Record<string, number> = Object.fromEntries(
      rows.map((r) => [r.name, Number(r.n)])
    )
    assert.deepEqual(counts, Object.fromEntries(SAMPLE_LOCATIONS.map((l) => [l.name, l.cameras])))
    assert.equal(
      Object.values(counts).reduce((a, b) => a + b, 0),
      26
    )
    const active = await db.from('cameras').where('status', 'active').count('* as n')
    assert.equal(Number(active[0].n), 26)
  })
})

test.group('Báo camera hỏng (public, from the QR label)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('anyone reports a fault; input is validated; a photo must be an image; 5 per hour per IP', async ({
    client,
    assert,
  }) => {
    const { location, consenting, token } = await setting()
    const camera = await client.post('/api/v1/cameras').bearerToken(token).json({
      name: 'Cầu Năng Tây',
      location_id: location.id,
      household_id: consenting.id,
      status: 'active',
    })
    const code = camera.body().data.code
    const page = await client.get(`/bao-hong/${code.toLowerCase()}`)
    page.assertStatus(200)
    page.assertTextIncludes('Báo camera hỏng')
    ;(await client.get('/bao-hong/CAM-999')).assertStatus(404)

    const tooShort = await client
      .post(`/bao-hong/${code}`)
      .form({ description: 'hỏng' })
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(tooShort.flashMessage('inputErrorsBag').description, [
      'Nội dung phải có ít nhất 10 ký tự',
    ])

    const notImage = await client
      .post(`/bao-hong/${code}`)
      .field('description', 'Camera bị lệch hướng sau bão')
      .file('photo', Buffer.from('%PDF-1.4 giả làm ảnh'), { filename: 'anh.jpg' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(notImage.flashMessage('error'), 'Ảnh phải là JPG hoặc PNG')

    const ok = await client
      .post(`/bao-hong/${code}`)
      .form({ description: 'Camera bị lệch hướng sau bão', phone: '0912 345 678' })
      .withCsrfToken()
    ok.assertStatus(200)
    ok.assertTextIncludes('Đã nhận báo hỏng')
    const report = await db
      .from('fault_reports')
      .where('camera_id', camera.body().data.id)
      .firstOrFail()
    assert.equal(report.reporter_phone, '0912345678')

    // Five so far (two refused, three accepted): the sixth within the hour is refused.
    for (let i = 0; i < 2; i++) {
      await client
        .post(`/bao-hong/${code}`)
        .form({ description: `Lần báo thứ ${i} về camera` })
        .withCsrfToken()
    }
    const limited = await client
      .post(`/bao-hong/${code}`)
      .form({ description: 'Thêm một lần báo nữa' })
      .withCsrfToken()
    limited.assertStatus(429)
    limited.assertTextIncludes('Quá nhiều yêu cầu')
  })
})

test.group('Camera pages and hostile text', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a camera, location and household named <script> are escaped everywhere', async ({
    client,
    assert,
  }) => {
    const xss = '<script>alert(1)</script>'
    const technician = await makeUser('technician')
    const actor = actorFromUser(technician)
    const location = await createLocation({ actor, parentId: null, kind: 'village', name: xss })
    const household = await saveHousehold({
      actor,
      fields: { headName: xss, consentSignedOn: '2026-01-01' },
    })
    const token = await tokenFor(technician)
    const camera = await client.post('/api/v1/cameras').bearerToken(token).json({
      name: xss,
      location_id: location.id,
      household_id: household.id,
      status: 'active',
      address_description: xss,
    })
    const id = camera.body().data.id
    const code = camera.body().data.code
    for (const url of [
      '/cameras',
      `/cameras/${id}`,
      `/cameras/${id}/edit`,
      '/cameras/labels',
      '/site-plan',
      '/locations',
      '/households',
      `/households/${household.id}/edit`,
      `/bao-hong/${code}`,
    ]) {
      const response = await client.get(url).loginAs(technician)
      response.assertStatus(200)
      assert.notInclude(response.text(), xss, url)
      if (url !== '/site-plan') assert.include(response.text(), '&lt;script&gt;', url)
    }
  })
})

test.group('Household consent scans', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the scan is checked by content and shown only to those who deal with households', async ({
    client,
    assert,
  }) => {
    const technician = await makeUser('technician')
    const exe = await client
      .post('/households')
      .loginAs(technician)
      .field('head_name', 'Hộ Đinh Văn Sáu')
      .field('consent_signed_on', '2026-04-20')
      .file('consent_scan', Buffer.from('MZ\x90\x00 chương trình'), { filename: 'dong-y.pdf' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      exe.flashMessage('error'),
      'Tệp không phải PDF, JPG hoặc PNG (kiểm tra theo nội dung)'
    )
    assert.isNull(await db.from('households').where('head_name', 'Hộ Đinh Văn Sáu').first())

    await client
      .post('/households')
      .loginAs(technician)
      .field('head_name', 'Hộ Đinh Văn Sáu')
      .field('consent_signed_on', '2026-04-20')
      .file('consent_scan', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'dong-y.pdf' })
      .withCsrfToken()
    const household = await db
      .from('households')
      .where('head_name', 'Hộ Đinh Văn Sáu')
      .firstOrFail()
    assert.equal(household.consent_scan_type, 'application/pdf')
    const url = `/households/${household.id}/consent-scan`
    ;(await client.get(url).loginAs(await makeUser('operator'))).assertStatus(200)
    ;(await client.get(url).loginAs(await makeUser('viewer'))).assertStatus(403)
    ;(await client.get(url).loginAs(await makeUser('treasurer'))).assertStatus(403)
  })
})
