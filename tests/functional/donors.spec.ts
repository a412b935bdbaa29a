import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Donor from '#models/donor'
import { countRows, makeDonor, makeUser } from '#tests/helpers'

test.group('Donor list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the treasurer adds a donor; the change is audited', async ({ client, assert }) => {
    const treasurer = await makeUser('treasurer')
    const response = await client
      .post('/donors')
      .loginAs(treasurer)
      .form({
        kind: 'organisation',
        name: 'Công ty TNHH Minh Phát',
        village: 'Chợ Tre',
        phone: '0912.345.678',
        anonymous_public: 'true',
      })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const donor = await Donor.findByOrFail('name', 'Công ty TNHH Minh Phát')
    assert.equal(response.header('location'), `/donors/${donor.id}`)
    assert.equal(donor.phone, '0912345678')
    assert.equal(donor.nameNormalized, 'cong ty tnhh minh phat')
    assert.isTrue(donor.anonymousPublic)
    const audit = await db
      .from('audit_events')
      .where({ action: 'donor.create', entity_id: String(donor.id) })
      .firstOrFail()
    assert.equal(audit.actor_id, treasurer.id)
  })

  test('a likely duplicate (same name without accents, or same phone) is held back until confirmed', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const existing = await makeDonor({ name: 'Nguyễn Văn Bình', phone: '0912345678' })

    const byName = await client
      .post('/donors')
      .loginAs(treasurer)
      .form({ kind: 'individual', name: 'nguyen van binh' })
      .withCsrfToken()
    byName.assertStatus(200)
    byName.assertTextIncludes('Có thể người này đã có trong danh sách')
    byName.assertTextIncludes(`/donors/${existing.id}`)
    assert.include(byName.text(), 'value="nguyen van binh"', 'what was typed is kept')

    const byPhone = await client
      .post('/donors')
      .loginAs(treasurer)
      .form({ kind: 'individual', name: 'Bình (con)', phone: '+84 912 345 678' })
      .withCsrfToken()
    byPhone.assertTextIncludes('Có thể người này đã có trong danh sách')
    assert.equal(await countRows('donors', { name_normalized: 'nguyen van binh' }), 1)

    const confirmed = await client
      .post('/donors')
      .loginAs(treasurer)
      .form({
        kind: 'individual',
        name: 'Nguyễn Văn Bình',
        village: 'Năng Tây 3',
        confirm_duplicate: 'true',
      })
      .withCsrfToken()
      .redirects(0)
    confirmed.assertStatus(302)
    assert.equal(await countRows('donors', { name_normalized: 'nguyen van binh' }), 2)
  })

  test('bad input gets Vietnamese errors and writes nothing', async ({ client, assert }) => {
    const treasurer = await makeUser('treasurer')
    const before = await countRows('donors')
    const response = await client
      .post('/donors')
      .loginAs(treasurer)
      .form({ kind: 'alien', name: 'A', phone: 'gọi tôi' })
      .withCsrfToken()
      .redirects(0)
    const errors = response.flashMessage('inputErrorsBag')
    assert.deepEqual(errors.kind, ['Loại không hợp lệ'])
    assert.deepEqual(errors.name, ['Tên phải có ít nhất 2 ký tự'])
    assert.deepEqual(errors.phone, ['Số điện thoại không đúng định dạng'])
    assert.equal(await countRows('donors'), before)
  })

  test('editing a donor keeps an audit trail of before and after', async ({ client, assert }) => {
    const treasurer = await makeUser('treasurer')
    const donor = await makeDonor({ name: 'Trần Thị Hoa' })
    await client
      .put(`/donors/${donor.id}`)
      .loginAs(treasurer)
      .form({ kind: 'individual', name: 'Trần Thị Hoà', village: 'An Đại 1' })
      .withCsrfToken()
    await donor.refresh()
    assert.equal(donor.village, 'An Đại 1')
    const audit = await db.from('audit_events').where('action', 'donor.update').firstOrFail()
    assert.equal(audit.before.name, 'Trần Thị Hoa')
    assert.equal(audit.after.name, 'Trần Thị Hoà')
  })

  test('only the treasurer writes; committee, viewer and admin read', async ({ client }) => {
    const donor = await makeDonor()
    for (const role of ['committee', 'viewer', 'admin'] as const) {
      const user = await makeUser(role)
      ;(await client.get('/donors').loginAs(user)).assertStatus(200)
      ;(await client.get(`/donors/${donor.id}`).loginAs(user)).assertStatus(200)
      ;(await client.get('/donors/create').loginAs(user)).assertStatus(403)
      const post = await client
        .post('/donors')
        .loginAs(user)
        .form({ kind: 'individual', name: 'Người lạ' })
        .withCsrfToken()
      post.assertStatus(403)
    }
    for (const role of ['technician', 'operator'] as const) {
      ;(await client.get('/donors').loginAs(await makeUser(role))).assertStatus(403)
    }
  })
})
