import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { downtimeByMonth } from '#services/tickets/downtime'
import { DISPLAY_ZONE } from '#services/dates'
import { makeCamera, makeUser } from '#tests/helpers'

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64'
)

/** An active camera (optionally with a stream address), on its own route and household. */
const activeCamera = (name = 'Ngã ba chợ', mainStreamUrl?: string) =>
  makeCamera(name, mainStreamUrl ? { mainStreamUrl } : {})

test.group('Public fault reports become tickets', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a QR report opens a ticket with its photo; a second report joins it; cancelling dismisses both', async ({
    client,
    assert,
  }) => {
    const camera = await activeCamera()
    const first = await client
      .post(`/bao-hong/${camera.code}`)
      .field('description', 'Camera nghiêng hẳn sau trận gió tối qua')
      .field('phone', '0987 654 321')
      .file('photo', PNG, { filename: 'anh.png' })
      .withCsrfToken()
    first.assertStatus(200)
    const tickets = await db.from('maintenance_tickets').where('camera_id', camera.id)
    assert.lengthOf(tickets, 1)
    assert.include(tickets[0], { source: 'public_report', status: 'open', kind: 'corrective' })
    assert.include(tickets[0].title, 'Camera nghiêng hẳn')
    assert.include(tickets[0].description, '0987654321')
    const photos = await db.from('ticket_photos').where('ticket_id', tickets[0].id)
    assert.lengthOf(photos, 1)
    assert.equal(photos[0].content_type, 'image/png')

    const second = await client
      .post(`/bao-hong/${camera.code}`)
      .form({ description: 'Nhà tôi thấy camera không sáng đèn nữa' })
      .withCsrfToken()
    second.assertStatus(200)
    assert.lengthOf(await db.from('maintenance_tickets').where('camera_id', camera.id), 1)
    const reports = await db.from('fault_reports').where('camera_id', camera.id).orderBy('id')
    assert.deepEqual(
      reports.map((r) => [r.status, r.ticket_id]),
      [
        ['ticketed', tickets[0].id],
        ['ticketed', tickets[0].id],
      ]
    )

    const technician = await makeUser('technician')
    const cancelled = await client
      .post(`/tickets/${tickets[0].id}/cancel`)
      .loginAs(technician)
      .form({ reason: 'Gió làm lệch, chủ nhà đã chỉnh lại' })
      .withCsrfToken()
    cancelled.assertStatus(200)
    const after = await db.from('fault_reports').where('camera_id', camera.id)
    assert.deepEqual([...new Set(after.map((r) => r.status))], ['dismissed'])
  })
})

test.group('Ticket page: steps, history, photos', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the page shows who did each step and the audit history; photos are checked and served by id', async ({
    client,
    assert,
  }) => {
    const camera = await activeCamera('Cổng trường')
    const operator = await makeUser('operator')
    const technician = await makeUser('technician', { email: 'ky.thuat@example.vn' })
    const opened = await client
      .post('/tickets')
      .loginAs(operator)
      .form({
        camera_id: camera.id,
        category: 'power_cut',
        title: 'Mất hình từ sáng',
        priority: 'high',
      })
      .withCsrfToken()
    opened.assertStatus(200)
    const ticket = await db.from('maintenance_tickets').where('camera_id', camera.id).firstOrFail()
    await client
      .post(`/tickets/${ticket.id}/assign`)
      .loginAs(technician)
      .form({ assignee_id: technician.id })
      .withCsrfToken()

    const notImage = await client
      .post(`/tickets/${ticket.id}/photos`)
      .loginAs(technician)
      .file('photo', Buffer.from('<svg onload="alert(1)">'), { filename: 'anh.png' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(notImage.flashMessage('error'), 'Ảnh phải là JPG hoặc PNG')
    const added = await client
      .post(`/tickets/${ticket.id}/photos`)
      .loginAs(technician)
      .field('caption', 'Nguồn bị cháy')
      .file('photo', PNG, { filename: 'nguon.png' })
      .withCsrfToken()
    added.assertStatus(200)
    added.assertTextIncludes('Đã thêm ảnh.')
    const photo = await db.from('ticket_photos').where('ticket_id', ticket.id).firstOrFail()

    const page = await client.get(`/tickets/${ticket.id}`).loginAs(operator)
    page.assertStatus(200)
    page.assertTextIncludes('Mất hình từ sáng')
    page.assertTextIncludes('Nguồn bị cháy')
    page.assertTextIncludes('Giao việc')
    page.assertTextIncludes('Thêm ảnh')
    assert.notInclude(page.text(), 'ticket.assign')
    assert.match(page.text(), /Giao<\/strong> · [\d/]+ [\d:]+ · /)

    const served = await client.get(`/tickets/${ticket.id}/photos/${photo.id}`).loginAs(operator)
    served.assertStatus(200)
    served.assertHeader('content-type', 'image/png')
    served.assertHeader('x-content-type-options', 'nosniff')
    // Another ticket's id with this photo's id, and a path instead of an id: not found.
    ;(
      await client.get(`/tickets/${ticket.id + 1}/photos/${photo.id}`).loginAs(operator)
    ).assertStatus(404)
    ;(
      await client.get(`/tickets/${ticket.id}/photos/..%2F..%2F.env`).loginAs(operator)
    ).assertStatus(404)

    const treasurer = await makeUser('treasurer')
    ;(await client.get(`/tickets/${ticket.id}`).loginAs(treasurer)).assertStatus(403)
    ;(await client.get(`/tickets/${ticket.id}/photos/${photo.id}`).loginAs(treasurer)).assertStatus(
      403
    )
    const committee = await makeUser('committee')
    ;(
      await client
        .post(`/tickets/${ticket.id}/photos`)
        .loginAs(committee)
        .file('photo', PNG, { filename: 'x.png' })
        .withCsrfToken()
    ).assertStatus(403)
  })

  test('the technician records the cause found on site when resolving', async ({
    client,
    assert,
  }) => {
    const camera = await activeCamera('Bờ kênh')
    const technician = await makeUser('technician')
    const token = (
      await (await import('#models/user')).default.accessTokens.create(technician)
    ).value!.release()
    const created = await client
      .post('/api/v1/tickets')
      .bearerToken(token)
      .json({ camera_id: camera.id, category: 'network', title: 'Mất kết nối' })
    const id = created.body().data.id
    await client
      .post(`/api/v1/tickets/${id}/assign`)
      .bearerToken(token)
      .json({ assignee_id: technician.id })
    const resolved = await client.post(`/api/v1/tickets/${id}/resolve`).bearerToken(token).json({
      resolution: 'Ổ cắm nhà dân lỏng, đã thay',
      category: 'power_cut',
      under_warranty: true,
    })
    resolved.assertStatus(200)
    assert.equal(resolved.body().data.category, 'power_cut')
  })
})

test.group('Downtime hours per month from recorder runs', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('gaps between runs, split at month ends, not after recording was turned off, and until now', async ({
    assert,
  }) => {
    const at = (iso: string) => DateTime.fromISO(iso, { zone: DISPLAY_ZONE }).toJSDate()
    const run = (cameraId: number, from: string, to: string, reason: string | null) =>
      db.table('recording_runs').insert({
        camera_id: cameraId,
        started_at: at(from),
        ended_at: at(to),
        end_reason: reason,
      })
    const now = DateTime.fromISO('2026-11-20T12:00:00', { zone: DISPLAY_ZONE })
    const a = await activeCamera('A', 'rtsp://192.168.1.40/stream1')
    const b = await activeCamera('B', 'rtsp://192.168.1.41/stream1')
    // A: a 6 h gap on 10 October; recording turned off from 1 to 5 November (not downtime);
    // recording now (its open run ended a minute ago).
    await run(a.id, '2026-10-01T00:00', '2026-10-10T00:00', 'unreachable')
    await run(a.id, '2026-10-10T06:00', '2026-11-01T02:00', 'disabled')
    await run(a.id, '2026-11-05T00:00', '2026-11-20T11:59', null)
    // B: down from 22:00 on 31 October to 03:00 on 1 November (2 h + 3 h), and since
    // midnight today (12 h so far). A second node's overlapping run hides nothing.
    await run(b.id, '2026-10-31T20:00', '2026-10-31T22:00', 'unreachable')
    await run(b.id, '2026-10-31T21:00', '2026-10-31T21:30', 'handed_over')
    await run(b.id, '2026-11-01T03:00', '2026-11-20T00:00', 'unreachable')

    const report = await downtimeByMonth(2, now)
    assert.deepEqual(report.months, ['2026-10', '2026-11'])
    const byCode = Object.fromEntries(report.cameras.map((c) => [c.code, c.hours]))
    assert.deepEqual(byCode[a.code], [6, 0])
    assert.deepEqual(byCode[b.code], [2, 15])
    assert.deepEqual(report.totals, [8, 15])
    assert.equal(report.cameras[0].code, b.code)
  })
})
