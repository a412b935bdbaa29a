import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import saveHousehold from '#actions/households/save_household'
import createLocation from '#actions/locations/save_location'
import { openTicket, resolveTicket } from '#actions/tickets/ticket_workflow'
import { systemActor } from '#services/audit'
import { actorFromUser, makeCamera, makeUser, words } from '#tests/helpers'
import { committeeWorkbook } from '#tests/report_support'

/** A ticket opened and resolved by the system on `cameraId` at `cost` đồng. */
async function repaired(cameraId: number, cost: number) {
  const ticket = await openTicket({
    actor: systemActor('test'),
    fields: { cameraId, source: 'staff', category: 'weather', title: 'Nước vào camera' },
  })
  await resolveTicket({
    actor: systemActor('test'),
    ticketId: ticket.id,
    resolution: 'Thay hộp chống nước',
    repairCost: cost,
  })
}

test.group('Cameras the programme does not own (issue 24)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a household camera is connected under an agreement, shown on its page, and kept apart in the report', async ({
    client,
    assert,
  }) => {
    const technician = await makeUser('technician')
    const operator = await makeUser('operator')
    const committee = await makeUser('committee')
    const actor = actorFromUser(technician)
    const location = await createLocation({
      actor,
      parentId: null,
      kind: 'village',
      name: 'Thôn Lâm Sơn',
    })
    const home = await saveHousehold({
      actor,
      fields: { headName: 'Hộ ông Lâm Văn Sơn', consentSignedOn: '2026-10-01' },
    })
    const fields = {
      name: 'Cổng nhà ông Sơn',
      location_id: location.id,
      household_id: home.id,
      owner_kind: 'household',
      owner_name: 'Lâm Văn Sơn',
      retention_days: 30,
    }

    // In service straight away: refused in words, nothing written.
    const refused = await client
      .post('/cameras')
      .loginAs(technician)
      .withCsrfToken()
      .header('accept', 'application/json')
      .form({ ...fields, status: 'active' })
    const noCamera = await db.from('cameras').where('name', 'Cổng nhà ông Sơn')
    assert.lengthOf(noCamera, 0)
    assert.notEqual(refused.status(), 201)

    // Planned first, then the agreement, then in service.
    await client
      .post('/cameras')
      .loginAs(technician)
      .withCsrfToken()
      .form({ ...fields, status: 'planned' })
    const camera = await db.from('cameras').where('name', 'Cổng nhà ông Sơn').firstOrFail()
    assert.equal(camera.owner_kind, 'household')

    const before = words((await client.get(`/cameras/${camera.id}`).loginAs(technician)).text())
    assert.include(before, 'Chưa có thỏa thuận kết nối')

    const saved = await client
      .put(`/cameras/${camera.id}/agreement`)
      .loginAs(technician)
      .withCsrfToken()
      .redirects(0)
      .field('party_name', 'Lâm Văn Sơn')
      .field('party_phone', '0987 654 321')
      .field('signed_on', '2026-10-05')
      .field('recording_scope', 'Chỉ hướng ra đường liên thôn, không quay vào sân nhà')
      .field('retention_days', '7')
      .field('repairs_paid_by', 'owner')
      .file('scan', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'thoa-thuan.pdf' })
    assert.equal(saved.header('location'), `/cameras/${camera.id}`)
    const agreement = await db.from('camera_agreements').where('camera_id', camera.id).firstOrFail()
    assert.equal(agreement.repairs_paid_by, 'owner')
    assert.isNotNull(agreement.scan_sha256)
    assert.equal(
      (await db.from('cameras').where('id', camera.id).first()).retention_days,
      7,
      'the camera keeps footage no longer than the owner agreed'
    )

    await client
      .put(`/cameras/${camera.id}`)
      .loginAs(technician)
      .withCsrfToken()
      .form({ ...fields, retention_days: 7, status: 'active' })
    assert.equal((await db.from('cameras').where('id', camera.id).first()).status, 'active')

    const forOperator = words((await client.get(`/cameras/${camera.id}`).loginAs(operator)).text())
    assert.include(forOperator, 'Chủ sở hữu Hộ gia đình · Lâm Văn Sơn')
    assert.include(forOperator, 'Ký ngày 05/10/2026, lưu hình 7 ngày, sửa chữa: Chủ camera')
    assert.include(forOperator, '0987654321')
    const forCommittee = words(
      (await client.get(`/cameras/${camera.id}`).loginAs(committee)).text()
    )
    assert.include(forCommittee, 'Ký ngày 05/10/2026')
    assert.notInclude(forCommittee, 'Lâm Văn Sơn')
    assert.notInclude(forCommittee, '0987654321')
    const scan = await client.get(`/cameras/${camera.id}/agreement/scan`).loginAs(committee)
    scan.assertStatus(403)

    // Repairs in the report: the programme's apart from the connected camera's.
    const own = await makeCamera('Chợ Lâm Sơn', { installedOn: '2026-01-01' })
    await repaired(own.id, 400_000)
    await repaired(camera.id, 250_000)
    const today = new Date().toISOString().slice(0, 10)
    const { rows } = await committeeWorkbook(client, committee, { from: '2026-01-01', to: today })
    const maintenance = rows('Bảo trì')
    const line = (label: string) => maintenance.find((r) => r[0] === label)
    assert.equal(line('Chi phí sửa camera của chương trình')?.[3], 400_000)
    assert.equal(line('Chi phí sửa camera kết nối (không thuộc chương trình)')?.[3], 250_000)
    const cams = rows('Camera')
    assert.equal(cams.find((r) => r[0] === camera.code)?.[6], 'Hộ gia đình')

    const print = await client
      .post('/reports/committee')
      .loginAs(committee)
      .withCsrfToken()
      .form({ from: '2026-01-01', to: today, report_date: today, format: 'html' })
    assert.match(words(print.text()), /có 1 camera của thôn, hộ gia đình, cơ sở kinh doanh kết nối/)
  })
})
