import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { spawn, type ChildProcess } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import HttpsMiddleware from '#middleware/https_middleware'
import { loadCertificate, tlsFilesFromEnv, TlsConfigError } from '#services/https/tls_files'
import { makeUser } from '#tests/helpers'
import { sleep } from '#tests/recorder_support'
import { freePort, makeCertificate, rawRequest, setCookies } from '#tests/https_support'

/*
 * HTTPS, both ways docs/operations.md describes: the built-in server with the certificate
 * paths in .env, and a reverse proxy listed in TRUSTED_PROXIES. Cookies are Secure and HSTS
 * is sent exactly when the request came over HTTPS.
 */
test.group('HTTPS by the built-in server', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  let server: ChildProcess | undefined
  group.each.teardown(() => {
    server?.kill('SIGTERM')
    server = undefined
  })

  test('serves the portal over HTTPS with Secure cookies and HSTS, redirects plain HTTP, and picks up a renewed certificate', async ({
    assert,
  }) => {
    const first = makeCertificate(365)
    const renewed = makeCertificate(365, 'renewed')
    // The paths in .env stay; the files behind them are replaced on renewal, as certbot does.
    const certPath = `${first.dir}/live.pem`
    const keyPath = `${first.dir}/live.key`
    copyFileSync(first.certPath, certPath)
    copyFileSync(first.keyPath, keyPath)
    const ca = Buffer.concat([readFileSync(first.certPath), readFileSync(renewed.certPath)])
    const [port, redirectPort] = [await freePort(), await freePort()]

    let output = ''
    server = spawn(
      process.execPath,
      ['--import=ts-node-maintained/register/esm', 'bin/server.js'],
      {
        cwd: app.makePath(),
        env: {
          ...process.env,
          NODE_ENV: 'test',
          HOST: '127.0.0.1',
          PORT: String(port),
          TLS_CERT_PATH: certPath,
          TLS_KEY_PATH: keyPath,
          HTTP_REDIRECT_PORT: String(redirectPort),
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    )
    server.stdout!.on('data', (d) => (output += d))
    server.stderr!.on('data', (d) => (output += d))
    const base = `https://127.0.0.1:${port}`
    let loginPage
    for (let i = 0; i < 120 && !loginPage; i++) {
      loginPage = await rawRequest(`${base}/login`, { ca }).catch(() => undefined)
      if (!loginPage) await sleep(500)
    }
    assert.exists(loginPage, `the HTTPS server did not answer:\n${output}`)
    assert.equal(loginPage!.status, 200)
    assert.match(String(loginPage!.headers['strict-transport-security']), /^max-age=\d{7,}/)
    assert.isNotEmpty(setCookies(loginPage!))
    for (const cookie of setCookies(loginPage!)) assert.match(cookie, /;\s*Secure/i)

    // The session cookie (it carries the CSRF secret already) only travels over HTTPS.
    const session = setCookies(loginPage!).find((c) => c.startsWith('can-session='))
    assert.match(session!, /HttpOnly/i)
    assert.match(session!, /;\s*Secure/i)

    // Plain HTTP on the redirect port goes to the same page over HTTPS; a form keeps its method.
    const redirected = await rawRequest(`http://127.0.0.1:${redirectPort}/cong-khai?nam=2026`)
    assert.equal(redirected.status, 301)
    assert.equal(redirected.headers.location, `https://127.0.0.1:${port}/cong-khai?nam=2026`)
    const posted = await rawRequest(`http://127.0.0.1:${redirectPort}/login`, { method: 'POST' })
    assert.equal(posted.status, 308)
    // The HTTPS port does not answer plain HTTP with the portal.
    const plain = await rawRequest(`http://127.0.0.1:${port}/login`).catch(() => null)
    assert.notEqual(plain?.status, 200)

    // Renewal: the files are replaced and the server told (SIGHUP); new connections get the
    // new certificate without a restart. A broken pair is refused and the old one kept.
    const before = loginPage!.fingerprint
    assert.equal(before, loadFingerprint(first.certPath))
    writeFileSync(certPath, 'half-copied')
    server.kill('SIGHUP')
    await sleep(500)
    assert.equal((await rawRequest(`${base}/healthz`, { ca })).fingerprint, before)
    copyFileSync(renewed.certPath, certPath)
    copyFileSync(renewed.keyPath, keyPath)
    server.kill('SIGHUP')
    let after: string | undefined
    for (let i = 0; i < 20 && after !== loadFingerprint(renewed.certPath); i++) {
      await sleep(250)
      after = (await rawRequest(`${base}/healthz`, { ca })).fingerprint
    }
    assert.equal(after, loadFingerprint(renewed.certPath), output)
    assert.include(output, 'keeping the current certificate')
    rmSync(first.dir, { recursive: true, force: true })
    rmSync(renewed.dir, { recursive: true, force: true })
  }).timeout(90_000)

  test('a wrong certificate set-up is refused in words the operator can act on', ({ assert }) => {
    const a = makeCertificate(30, 'a')
    const b = makeCertificate(30, 'b')
    const refused = (vars: Record<string, string>) => {
      try {
        const files = tlsFilesFromEnv(vars)
        if (files) loadCertificate(files)
        return ''
      } catch (error) {
        assert.instanceOf(error, TlsConfigError)
        return (error as Error).message
      }
    }
    assert.match(refused({ TLS_CERT_PATH: a.certPath }), /Cần đặt cả TLS_CERT_PATH và TLS_KEY_PATH/)
    assert.match(
      refused({ TLS_CERT_PATH: `${a.dir}/khong-co.pem`, TLS_KEY_PATH: a.keyPath }),
      /Không đọc được chứng chỉ .*không có tệp/
    )
    assert.match(
      refused({ TLS_CERT_PATH: a.keyPath, TLS_KEY_PATH: a.keyPath }),
      /không phải chứng chỉ PEM/
    )
    assert.match(
      refused({ TLS_CERT_PATH: a.certPath, TLS_KEY_PATH: a.certPath }),
      /không phải khoá riêng PEM/
    )
    assert.match(refused({ TLS_CERT_PATH: a.certPath, TLS_KEY_PATH: b.keyPath }), /không khớp/)
    assert.equal(refused({ TLS_CERT_PATH: a.certPath, TLS_KEY_PATH: a.keyPath }), '')
    assert.equal(refused({}), '')
    rmSync(a.dir, { recursive: true, force: true })
    rmSync(b.dir, { recursive: true, force: true })
  })

  test('the admin is told before the certificate expires, on the dashboard and in /healthz', async ({
    client,
    assert,
  }) => {
    const soon = makeCertificate(5)
    const admin = await makeUser('admin')
    process.env.TLS_CERT_PATH = soon.certPath
    process.env.TLS_KEY_PATH = soon.keyPath
    try {
      const dashboard = await client.get('/').loginAs(admin)
      dashboard.assertStatus(200)
      assert.include(dashboard.text(), 'Chứng chỉ HTTPS sắp hết hạn')
      assert.match(dashboard.text(), /còn [45] ngày/)
      const health = await client.get('/healthz')
      assert.include(health.body().certificate.names, '127.0.0.1')
      assert.isAtMost(health.body().certificate.daysLeft, 5)
    } finally {
      delete process.env.TLS_CERT_PATH
      delete process.env.TLS_KEY_PATH
      rmSync(soon.dir, { recursive: true, force: true })
    }
    const without = await client.get('/').loginAs(admin)
    assert.notInclude(without.text(), 'Chứng chỉ HTTPS')
  })
})

function loadFingerprint(certPath: string) {
  return new X509Certificate(readFileSync(certPath)).fingerprint256
}

test.group('HTTPS by a reverse proxy', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('behind the trusted proxy (X-Forwarded-Proto: https) cookies are Secure and HSTS is sent; over plain HTTP neither', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('viewer')
    for (const proto of ['https', undefined]) {
      const page = client.get('/login')
      if (proto) page.header('X-Forwarded-Proto', proto)
      const response = await page
      const cookies = ([] as string[]).concat(response.header('set-cookie') ?? [])
      assert.isNotEmpty(cookies)
      for (const cookie of cookies)
        assert.equal(/;\s*Secure/i.test(cookie), proto === 'https', cookie)
      assert.equal(response.header('strict-transport-security') !== undefined, proto === 'https')

      const login = client
        .post('/login')
        .form({ email: user.email, password: 'mat-khau-du-dai' })
        .withCsrfToken()
        .redirects(0)
      if (proto) login.header('X-Forwarded-Proto', proto)
      const signedIn = await login
      signedIn.assertStatus(302)
      const session = ([] as string[])
        .concat(signedIn.header('set-cookie') ?? [])
        .find((c) => c.startsWith('can-session='))
      assert.equal(/;\s*Secure/i.test(session!), proto === 'https')
    }
  })

  test('a client that is not a trusted proxy cannot claim HTTPS', async ({ assert }) => {
    const run = async (remoteAddress: string) => {
      const socket = new Socket()
      Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress })
      const req = new IncomingMessage(socket)
      req.headers = { 'x-forwarded-proto': 'https', 'host': 'camera.xa.vn' }
      req.url = '/login'
      req.method = 'GET'
      const res = new ServerResponse(req)
      const ctx = await testUtils.createHttpContext({ req, res })
      await new HttpsMiddleware().handle(ctx, async () => {
        ctx.response.cookie('thu', '1')
      })
      return {
        hsts: ctx.response.getHeader('strict-transport-security'),
        cookie: String(ctx.response.getHeader('set-cookie')),
      }
    }
    const outsider = await run('192.168.1.77')
    assert.isUndefined(outsider.hsts)
    assert.notMatch(outsider.cookie, /Secure/)
    const proxy = await run('127.0.0.1')
    assert.exists(proxy.hsts)
    assert.match(proxy.cookie, /; Secure/)
  })
})
