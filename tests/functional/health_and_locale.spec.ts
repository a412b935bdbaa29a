import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Heartbeat from '#recorder/heartbeat'
import User from '#models/user'
import { makeUser } from '#tests/helpers'

test.group('Health check', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('GET /healthz needs no login and reports database, recorder and disk', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/healthz')
    response.assertStatus(200)
    const body = response.body()
    assert.isTrue(body.database.ok)
    assert.equal(body.recorder.status, 'missing')
    assert.isNull(body.recorder.heartbeatAgeSeconds)
    assert.isAbove(body.disk.freeBytes, 0)
  })

  test('a recorder heartbeat shows up with its age; a stopped recorder does not', async ({
    client,
    assert,
  }) => {
    const heartbeat = new Heartbeat({ store: db, nodeId: 'test-node' })
    assert.isTrue(await heartbeat.beat())
    const running = (await client.get('/healthz')).body()
    assert.equal(running.recorder.status, 'ok')
    assert.isAtMost(running.recorder.heartbeatAgeSeconds, 5)

    await db.rawQuery(
      `update recorder_nodes set last_beat_at = now() - interval '2 minutes' where id = 'test-node'`
    )
    const stale = (await client.get('/healthz')).body()
    assert.equal(stale.recorder.status, 'stale')
    assert.isAtLeast(stale.recorder.heartbeatAgeSeconds, 119)
    assert.equal(stale.status, 'degraded')

    await heartbeat.stop()
    const stopped = (await client.get('/healthz')).body()
    assert.equal(stopped.recorder.status, 'missing')
  })

  test('a heartbeat against an unreachable database reports the error instead of throwing', async ({
    assert,
  }) => {
    const errors: unknown[] = []
    const heartbeat = new Heartbeat({
      store: { rawQuery: async () => Promise.reject(new Error('connect ECONNREFUSED')) },
      onError: (error) => errors.push(error),
    })
    assert.isFalse(await heartbeat.beat())
    assert.lengthOf(errors, 1)
  })
})

test.group('Language', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the switch is remembered on the account', async ({ client, assert }) => {
    const user = await makeUser('viewer')
    const response = await client
      .post('/locale')
      .loginAs(user)
      .form({ locale: 'en' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    await user.refresh()
    assert.equal(user.locale, 'en')
    const page = await client.get('/').loginAs(await User.findOrFail(user.id))
    page.assertTextIncludes('<html lang="en">')
    page.assertTextIncludes('Dashboard')
  })

  test('before login the choice is kept in a cookie', async ({ client }) => {
    const page = await client.get('/login').withPlainCookie('locale', 'en')
    page.assertTextIncludes('Sign in')
    const bogus = await client.get('/login').withPlainCookie('locale', 'fr')
    bogus.assertTextIncludes('Đăng nhập')
  })

  test('an unsupported language is refused', async ({ client }) => {
    const response = await client
      .post('/locale')
      .form({ locale: 'fr' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', { locale: ['Ngôn ngữ không hợp lệ'] })
  })
})
