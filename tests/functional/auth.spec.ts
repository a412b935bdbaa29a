import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { makeUser } from '#tests/helpers'

test.group('Login and logout', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the login page is Vietnamese by default, whatever the browser language', async ({
    client,
  }) => {
    const response = await client.get('/login').header('accept-language', 'en-US,en;q=0.9')
    response.assertStatus(200)
    response.assertTextIncludes('Đăng nhập')
    response.assertTextIncludes('<html lang="vi">')
  })

  test('a user signs in with the right password and lands on the dashboard', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('treasurer')
    const response = await client
      .post('/login')
      .form({ email: user.email.toUpperCase(), password: 'mat-khau-du-dai' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/')
    assert.equal(response.session('auth_web'), user.id)

    const dashboard = await client.get('/').loginAs(user)
    dashboard.assertTextIncludes(`Xin chào, ${user.fullName}`)

    const event = await db
      .from('audit_events')
      .where('action', 'auth.login')
      .where('entity_id', String(user.id))
      .first()
    assert.equal(event?.actor_id, user.id, 'the login is in the audit log under the user')
  })

  test('a wrong password is refused with a Vietnamese message', async ({ client, assert }) => {
    const user = await makeUser('viewer')
    const response = await client
      .post('/login')
      .form({ email: user.email, password: 'sai-mat-khau' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.equal(
      response.flashMessage('error'),
      'Email hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.'
    )
    const dashboard = await client.get('/').redirects(0)
    dashboard.assertStatus(302)
    dashboard.assertHeader('location', '/login')
  })

  test('missing fields get inline Vietnamese validation errors and keep the email', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/login')
      .form({ email: 'khong-phai-email' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const errors = response.flashMessage('inputErrorsBag')
    assert.deepEqual(errors.email, ['Email không phải là địa chỉ email hợp lệ'])
    assert.deepEqual(errors.password, ['Vui lòng nhập Mật khẩu'])
    assert.equal(response.flashMessage('email'), 'khong-phai-email')
  })

  test('five failed tries lock that email from that address for 15 minutes', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('committee')
    for (let i = 0; i < 5; i++) {
      const attempt = await client
        .post('/login')
        .form({ email: user.email, password: `sai-${i}` })
        .withCsrfToken()
        .redirects(0)
      attempt.assertStatus(302)
    }
    // Even the right password is refused now.
    const blocked = await client
      .post('/login')
      .form({ email: user.email, password: 'mat-khau-du-dai' })
      .withCsrfToken()
    blocked.assertStatus(429)
    blocked.assertTextIncludes('Đăng nhập sai quá nhiều lần')
    assert.isAbove(Number(blocked.header('retry-after')), 800)
  })

  test('a form posted without its CSRF token is rejected', async ({ client }) => {
    const user = await makeUser('viewer')
    const response = await client
      .post('/login')
      .form({ email: user.email, password: 'mat-khau-du-dai' })
    response.assertStatus(403)
    response.assertTextIncludes('Biểu mẫu đã hết hạn')
    const dashboard = await client.get('/').redirects(0)
    dashboard.assertStatus(302)
  })

  test('a disabled account cannot sign in', async ({ client }) => {
    const user = await makeUser('operator')
    await db.from('users').where('id', user.id).update({ disabled_at: new Date() })
    const response = await client
      .post('/login')
      .form({ email: user.email, password: 'mat-khau-du-dai' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('logout ends the session', async ({ client }) => {
    const user = await makeUser('viewer')
    const response = await client.post('/logout').loginAs(user).withCsrfToken().redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('a one-time password must be changed before anything else', async ({ client, assert }) => {
    const user = await makeUser('technician')
    user.passwordChangeRequired = true
    await user.save()
    const dashboard = await client.get('/').loginAs(user).redirects(0)
    dashboard.assertStatus(302)
    dashboard.assertHeader('location', '/profile/password')

    const changed = await client
      .put('/profile/password')
      .loginAs(user)
      .form({
        currentPassword: 'mat-khau-du-dai',
        newPassword: 'mat-khau-moi-12',
        newPasswordConfirmation: 'mat-khau-moi-12',
      })
      .withCsrfToken()
      .redirects(0)
    changed.assertStatus(302)
    // The forced first change ends where the person's work starts.
    changed.assertHeader('location', '/')
    await user.refresh()
    assert.isFalse(user.passwordChangeRequired)
  })
})
