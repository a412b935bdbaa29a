import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeUser } from '#tests/helpers'

/** A login attempt as the reverse proxy in front of the portal would pass it on. */
function attempt(client: any, email: string, password: string, from: string) {
  return client
    .post('/login')
    .header('x-forwarded-for', from)
    .form({ email, password })
    .withCsrfToken()
    .redirects(0)
}

test.group('Login limits behind the reverse proxy (TRUSTED_PROXIES)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the proxy's clients are told apart: one household's typos do not lock out the commune", async ({
    client,
  }) => {
    const user = await makeUser('treasurer')
    for (let i = 0; i < 5; i++)
      (await attempt(client, user.email, 'sai', '203.0.113.7')).assertStatus(302)
    ;(await attempt(client, user.email, 'mat-khau-du-dai', '203.0.113.7')).assertStatus(429)
    // The same account from another client of the proxy still signs in.
    const other = await attempt(client, user.email, 'mat-khau-du-dai', '198.51.100.20')
    other.assertStatus(302)
    other.assertHeader('location', '/')
  })

  test('one password tried against many accounts from one address is stopped', async ({
    client,
  }) => {
    const target = await makeUser('committee')
    for (let i = 0; i < 30; i++) {
      ;(await attempt(client, `khong-co-${i}@xa.test`, '123456', '203.0.113.9')).assertStatus(302)
    }
    ;(await attempt(client, target.email, 'mat-khau-du-dai', '203.0.113.9')).assertStatus(429)
    ;(await attempt(client, target.email, 'mat-khau-du-dai', '198.51.100.21')).assertStatus(302)
  }).timeout(60_000)

  test('one account guessed from many addresses is locked for a while', async ({ client }) => {
    const user = await makeUser('admin')
    for (let i = 0; i < 20; i++) {
      ;(await attempt(client, user.email, `sai-${i}`, `203.0.113.${100 + i}`)).assertStatus(302)
    }
    ;(await attempt(client, user.email, 'mat-khau-du-dai', '198.51.100.22')).assertStatus(429)
  }).timeout(60_000)
})
