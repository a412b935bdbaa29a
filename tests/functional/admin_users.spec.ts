import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { makeUser } from '#tests/helpers'

test.group('Admin manages users', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creating a user without a password shows a one-time password once', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('admin')
    const response = await client
      .post('/admin/users')
      .loginAs(admin)
      .form({ fullName: 'Nguyễn Thị Hoa', email: 'Hoa.MTTQ@Xa.test', role: 'treasurer' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const oneTimePassword = response.flashMessage('oneTimePassword') as unknown as string
    assert.match(oneTimePassword, /^[A-Za-z2-9]{14}$/)

    const user = await User.findByOrFail('email', 'hoa.mttq@xa.test')
    assert.equal(user.role, 'treasurer')
    assert.isTrue(user.passwordChangeRequired)
    const verified = await User.verifyCredentials('hoa.mttq@xa.test', oneTimePassword)
    assert.equal(verified.id, user.id)

    const audit = await db
      .from('audit_events')
      .where({ action: 'user.create', entity_id: String(user.id) })
      .firstOrFail()
    assert.equal(audit.actor_id, admin.id)
    assert.equal(audit.after.role, 'treasurer')
    assert.notProperty(audit.after, 'password')
  })

  test('a duplicate email and an unknown role are refused inline, nothing written', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('admin')
    const existing = await makeUser('viewer')
    const before = await db.from('users').count('* as total')
    const response = await client
      .post('/admin/users')
      .loginAs(admin)
      .form({ fullName: 'X', email: existing.email, role: 'thu-quy' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const errors = response.flashMessage('inputErrorsBag')
    assert.deepEqual(errors.email, ['Email này đã được dùng'])
    assert.deepEqual(errors.role, ['Vai trò không hợp lệ'])
    assert.deepEqual(errors.fullName, ['Họ tên phải có ít nhất 2 ký tự'])
    const after = await db.from('users').count('* as total')
    assert.equal(after[0].total, before[0].total)
  })

  test('disabling a user ends their sessions and revokes their API tokens', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('admin')
    const operator = await makeUser('operator')
    const token = await User.accessTokens.create(operator)

    const before = await client.get('/api/v1/me').bearerToken(token.value!.release())
    before.assertStatus(200)

    const response = await client
      .post(`/admin/users/${operator.id}/disable`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    await operator.refresh()
    assert.isTrue(operator.isDisabled)

    const api = await client.get('/api/v1/me').bearerToken(token.value!.release())
    api.assertStatus(401)
    // A session that was already open is refused on its next request.
    const page = await client.get('/').loginAs(operator).redirects(0)
    page.assertStatus(302)
    page.assertHeader('location', '/login')
  })

  test('the last active admin cannot be disabled or demoted', async ({ client, assert }) => {
    await db.from('users').where('role', 'admin').update({ disabled_at: new Date() })
    const admin = await makeUser('admin')
    const disable = await client
      .post(`/admin/users/${admin.id}/disable`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      disable.flashMessage('error'),
      'Không thể khóa hoặc hạ quyền quản trị viên cuối cùng còn hoạt động.'
    )
    const demote = await client
      .put(`/admin/users/${admin.id}`)
      .loginAs(admin)
      .form({ fullName: admin.fullName, role: 'viewer' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      demote.flashMessage('error'),
      'Không thể khóa hoặc hạ quyền quản trị viên cuối cùng còn hoạt động.'
    )
    await admin.refresh()
    assert.equal(admin.role, 'admin')
    assert.isFalse(admin.isDisabled)
  })

  test('changing a role is audited with before and after', async ({ client, assert }) => {
    const admin = await makeUser('admin')
    const user = await makeUser('viewer')
    await client
      .put(`/admin/users/${user.id}`)
      .loginAs(admin)
      .form({ fullName: 'Trần Văn Kỹ', role: 'technician' })
      .withCsrfToken()
      .redirects(0)
    const audit = await db
      .from('audit_events')
      .where({ action: 'user.update', entity_id: String(user.id) })
      .firstOrFail()
    assert.equal(audit.before.role, 'viewer')
    assert.equal(audit.after.role, 'technician')
    assert.equal(audit.after.fullName, 'Trần Văn Kỹ')
  })

  test('resetting a password issues a new one-time password', async ({ client, assert }) => {
    const admin = await makeUser('admin')
    const user = await makeUser('committee')
    const response = await client
      .post(`/admin/users/${user.id}/reset-password`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    const oneTimePassword = response.flashMessage('oneTimePassword') as unknown as string
    await user.refresh()
    assert.isTrue(user.passwordChangeRequired)
    assert.equal((await User.verifyCredentials(user.email, oneTimePassword)).id, user.id)
  })
})
