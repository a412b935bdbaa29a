import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { recordAudit, systemActor } from '#services/audit'
import { assertAppendOnly, makeUser } from '#tests/helpers'

test.group('Audit log', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('PostgreSQL refuses UPDATE, DELETE and TRUNCATE on audit_events', async ({ assert }) => {
    await recordAudit({
      actor: systemActor('test'),
      action: 'test.write',
      entityType: 'test',
      entityId: 1,
    })
    const row = await db.from('audit_events').where('action', 'test.write').firstOrFail()

    await assertAppendOnly(assert, 'audit_events', row.id)
    const still = await db.from('audit_events').where('id', row.id).firstOrFail()
    assert.equal(still.action, 'test.write')
  })

  test('admin and committee browse it with filters', async ({ client, assert }) => {
    const committee = await makeUser('committee')
    await recordAudit({
      actor: systemActor('Nguyễn Văn Lọc'),
      action: 'donation.create',
      entityType: 'donation',
      entityId: 7,
    })
    await recordAudit({
      actor: systemActor('Lê Thị Thu'),
      action: 'expense.approve',
      entityType: 'expense',
      entityId: 3,
    })

    const filtered = await client.get('/audit').qs({ actor: 'lọc' }).loginAs(committee)
    filtered.assertStatus(200)
    // In the words of the people who read it: the action and the record named, no codes.
    filtered.assertTextIncludes('Ghi nhận ủng hộ')
    filtered.assertTextIncludes('Khoản ủng hộ số 7')
    assert.notInclude(filtered.text(), 'Khoản chi số 3')
    const byType = await client.get('/audit').qs({ entityType: 'expense' }).loginAs(committee)
    byType.assertTextIncludes('Duyệt khoản chi')
    byType.assertTextIncludes('Khoản chi số 3')
    assert.notInclude(byType.text(), '>expense.approve<')
  })

  test('a bad filter date is refused with a Vietnamese message', async ({ client, assert }) => {
    const admin = await makeUser('admin')
    const response = await client
      .get('/audit')
      .qs({ from: '31/02/2026' })
      .loginAs(admin)
      .redirects(0)
    response.assertStatus(302)
    assert.deepEqual(response.flashMessage('inputErrorsBag').from, [
      'Từ ngày không phải ngày hợp lệ (ngày/tháng/năm)',
    ])
  })
})
