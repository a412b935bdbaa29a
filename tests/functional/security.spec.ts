import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { Writable } from 'node:stream'
import { createRequire } from 'node:module'
import loggerConfig from '#config/logger'
import { maskCredentials } from '#services/cameras/rtsp'
import { makeUser, userWithToken } from '#tests/helpers'
import { LEAKS } from '#tests/security/route_probe'

test.group('Security basics', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the session cookie is HttpOnly and SameSite=Lax (Secure under HTTPS: https.spec.ts)', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('viewer')
    const response = await client
      .post('/login')
      .form({ email: user.email, password: 'mat-khau-du-dai' })
      .withCsrfToken()
      .redirects(0)
    const cookies = ([] as string[]).concat(response.header('set-cookie') ?? [])
    const session = cookies.find((c) => c.startsWith('can-session='))
    assert.exists(session)
    assert.match(session!, /HttpOnly/i)
    assert.match(session!, /SameSite=Lax/i)
  })

  test('every page carries the security headers: CSP without inline scripts, no framing, no sniffing', async ({
    client,
    assert,
  }) => {
    for (const url of ['/login', '/cong-khai']) {
      const response = await client.get(url)
      const csp: string = response.header('content-security-policy') ?? ''
      assert.include(csp, "default-src 'self'")
      assert.include(csp, "script-src 'self'")
      assert.notInclude(
        csp.split(';').find((d: string) => d.includes('script-src')),
        'unsafe'
      )
      assert.include(csp, "frame-ancestors 'none'")
      assert.include(csp, "object-src 'none'")
      assert.equal(response.header('x-frame-options'), 'DENY')
      assert.equal(response.header('x-content-type-options'), 'nosniff')
    }
  })

  test('a signed-in form sent without its CSRF token changes nothing', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('treasurer')
    const response = await client
      .post('/donors')
      .loginAs(user)
      .form({ kind: 'individual', name: 'Không có mã CSRF' })
    response.assertStatus(403)
    response.assertTextIncludes('Biểu mẫu đã hết hạn')
    const list = await client.get('/donors').loginAs(user)
    assert.notInclude(list.text(), 'Không có mã CSRF')
  })

  test('the API token endpoint is rate limited like the login form', async ({ client, assert }) => {
    const user = await makeUser('treasurer')
    for (let i = 0; i < 5; i++) {
      const attempt = await client
        .post('/api/v1/auth/token')
        .json({ email: user.email, password: `sai-${i}` })
      attempt.assertStatus(401)
    }
    const blocked = await client
      .post('/api/v1/auth/token')
      .json({ email: user.email, password: 'mat-khau-du-dai' })
    blocked.assertStatus(429)
    assert.match(blocked.body().errors[0].message, /quá nhiều lần/)
  })

  test('errors never show a stack trace or SQL: pages and API', async ({ client, assert }) => {
    const { user: user, token } = await userWithToken('treasurer')
    // An id past PostgreSQL's integer range makes the database itself refuse the query.
    const huge = '99999999999999999999'
    const api = await client.get(`/api/v1/donations/${huge}`).bearerToken(token)
    assert.isAtLeast(api.status(), 400)
    assert.notMatch(JSON.stringify(api.body()), LEAKS)
    const page = await client.get(`/donations/${huge}`).loginAs(user)
    assert.isAtLeast(page.status(), 400)
    assert.notMatch(page.text(), LEAKS)
    const expense = await client.get(`/expenses/${huge}`).loginAs(user)
    assert.notMatch(expense.text(), LEAKS)
  })

  test('secrets never reach the logs: passwords, tokens and cookies are redacted, camera URLs masked', async ({
    assert,
  }) => {
    // The app logger's own redaction settings, on a logger writing into memory.
    const require = createRequire(import.meta.url)
    const pino = require(require.resolve('pino', { paths: [require.resolve('@adonisjs/logger')] }))
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const logger = pino({ redact: (loggerConfig as any).loggers.app.redact }, sink)
    logger.info({ password: 'mk-bi-mat-1' }, 'login')
    logger.info({ user: { email: 'a@b.c', password: 'mk-bi-mat-2' } }, 'user')
    logger.info({ token: 'oat_bi-mat-3', request: { authorization: 'Bearer oat_bi-mat-4' } }, 't')
    logger.info({ request: { headers: { cookie: 'can-session=bi-mat-5' } } }, 'c')
    const text = lines.join('')
    for (const secret of [
      'mk-bi-mat-1',
      'mk-bi-mat-2',
      'oat_bi-mat-3',
      'oat_bi-mat-4',
      'bi-mat-5',
    ]) {
      assert.notInclude(text, secret)
    }
    assert.include(text, '[redacted]')
    assert.equal(
      maskCredentials('ffmpeg rtsp://admin:Mk-9x!@192.168.1.20:554/ch1 exited'),
      'ffmpeg rtsp://***@192.168.1.20:554/ch1 exited'
    )
  })
})
