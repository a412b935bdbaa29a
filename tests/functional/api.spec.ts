import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { makeUser } from '#tests/helpers'

async function tokenFor(user: User) {
  return (await User.accessTokens.create(user)).value!.release()
}

test.group('JSON API: tokens and errors', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('POST /api/v1/auth/token returns a bearer token that works', async ({ client, assert }) => {
    const user = await makeUser('committee')
    const response = await client
      .post('/api/v1/auth/token')
      .json({ email: user.email, password: 'mat-khau-du-dai' })
    response.assertStatus(201)
    const { token } = response.body()
    assert.match(token, /^can_/)

    const me = await client.get('/api/v1/me').bearerToken(token)
    me.assertStatus(200)
    me.assertBodyContains({ data: { id: user.id, role: 'committee' } })

    const stored = await db.from('auth_access_tokens').where('tokenable_id', user.id).firstOrFail()
    assert.notInclude(stored.hash, token.slice(4), 'only a hash of the secret is stored')
  })

  test('wrong credentials give 401 JSON with a Vietnamese message', async ({ client }) => {
    const user = await makeUser('viewer')
    const response = await client
      .post('/api/v1/auth/token')
      .json({ email: user.email, password: 'sai' })
    response.assertStatus(401)
    response.assertBody({
      errors: [
        {
          message: 'Email hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.',
          code: 'E_INVALID_CREDENTIALS',
        },
      ],
    })
  })

  test('the token endpoint is throttled like the login form', async ({ client }) => {
    const user = await makeUser('viewer')
    for (let i = 0; i < 5; i++) {
      await client.post('/api/v1/auth/token').json({ email: user.email, password: `sai-${i}` })
    }
    const response = await client
      .post('/api/v1/auth/token')
      .json({ email: user.email, password: 'mat-khau-du-dai' })
    response.assertStatus(429)
    response.assertBodyContains({ errors: [{ code: 'E_TOO_MANY_REQUESTS' }] })
  })

  test('invalid input gives 422 with one error per field', async ({ client, assert }) => {
    const response = await client.post('/api/v1/auth/token').json({ email: 42 })
    response.assertStatus(422)
    const fields = response
      .body()
      .errors.map((e: { field: string }) => e.field)
      .sort()
    assert.deepEqual(fields, ['email', 'password'])
    assert.equal(
      response.body().errors.find((e: any) => e.field === 'password').message,
      'Vui lòng nhập Mật khẩu'
    )
    assert.equal(response.body().errors.find((e: any) => e.field === 'password').code, 'required')
  })

  test('English is available to API clients that ask for it', async ({ client }) => {
    const response = await client
      .post('/api/v1/auth/token')
      .header('accept-language', 'en')
      .json({ email: 'a@b.c' })
    response.assertStatus(422)
    response.assertBodyContains({
      errors: [{ field: 'password', message: 'Password is required' }],
    })
  })

  test('no token, a bad token, a forbidden resource and an unknown path are JSON too', async ({
    client,
    assert,
  }) => {
    const none = await client.get('/api/v1/me')
    none.assertStatus(401)
    none.assertBody({
      errors: [
        { message: 'Chưa đăng nhập hoặc token không hợp lệ.', code: 'E_UNAUTHORIZED_ACCESS' },
      ],
    })

    const bad = await client.get('/api/v1/me').bearerToken('can_khong-hop-le')
    bad.assertStatus(401)

    const viewer = await makeUser('viewer')
    const forbidden = await client.get('/api/v1/users').bearerToken(await tokenFor(viewer))
    forbidden.assertStatus(403)
    forbidden.assertBodyContains({ errors: [{ code: 'E_AUTHORIZATION_FAILURE' }] })

    const admin = await makeUser('admin')
    const allowed = await client.get('/api/v1/users').bearerToken(await tokenFor(admin))
    allowed.assertStatus(200)
    assert.isAtLeast(allowed.body().data.length, 2)

    const missing = await client.get('/api/v1/khong-co')
    missing.assertStatus(404)
    missing.assertBodyContains({ errors: [{ code: 'E_ROUTE_NOT_FOUND' }] })
    assert.include(missing.header('content-type'), 'application/json')
  })

  test('malformed JSON is a 400 JSON error, not a stack trace', async ({ client, assert }) => {
    const response = await client.post('/api/v1/auth/token').unsafeJson('{"email": ')
    assert.oneOf(response.status(), [400, 422])
    assert.isArray(response.body().errors)
    assert.notInclude(response.text(), 'at ')
  })

  test('a token can revoke itself', async ({ client }) => {
    const user = await makeUser('operator')
    const { token } = (
      await client
        .post('/api/v1/auth/token')
        .json({ email: user.email, password: 'mat-khau-du-dai' })
    ).body()
    const revoke = await client.delete('/api/v1/auth/token').bearerToken(token)
    revoke.assertStatus(204)
    const after = await client.get('/api/v1/me').bearerToken(token)
    after.assertStatus(401)
  })

  test('tokens are listed and revoked on the profile page', async ({ client, assert }) => {
    const user = await makeUser('treasurer')
    const created = await client
      .post('/profile/tokens')
      .loginAs(user)
      .form({ name: 'Bảng tính thủ quỹ' })
      .withCsrfToken()
      .redirects(0)
    const token = created.flashMessage('newToken') as unknown as string
    assert.match(token, /^can_/)

    const page = await client.get('/profile').loginAs(user)
    page.assertTextIncludes('Bảng tính thủ quỹ')
    const row = await db.from('auth_access_tokens').where('tokenable_id', user.id).firstOrFail()

    const other = await makeUser('treasurer')
    const foreign = await client
      .delete(`/profile/tokens/${row.id}`)
      .loginAs(other)
      .withCsrfToken()
      .redirects(0)
    assert.equal(foreign.flashMessage('error'), 'Không tìm thấy khóa.')

    await client.delete(`/profile/tokens/${row.id}`).loginAs(user).withCsrfToken().redirects(0)
    const after = await client.get('/api/v1/me').bearerToken(token)
    after.assertStatus(401)
  })
})
