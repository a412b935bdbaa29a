import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { stores } from '@adonisjs/session'
import type { SessionConfig, SessionStoreFactory } from '@adonisjs/session/types'
import { touchingAtMostEveryMinute } from '#services/session_touch'

/**
 * Issue 23: a page view by a signed-in user no longer writes the sessions table each time;
 * the session's expiry still moves forward, once a minute at most, and everything else the
 * database store does (reading, tagging a user's sessions to end them) is unchanged.
 */
test.group('Session expiry moved at most once a minute', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the real database store behind it: first touch moves the expiry, the next does not', async ({
    assert,
  }) => {
    const factory = await configProvider.resolve<SessionStoreFactory>(
      app,
      stores.database({ tableName: 'sessions', gcProbability: 0 })
    )
    const config = { age: '8h' } as unknown as SessionConfig
    const store = touchingAtMostEveryMinute(factory!({} as HttpContext, config))
    const id = `test-session-${Date.now()}`
    await store.write(id, { user: 7 })
    const expiry = async () =>
      new Date((await db.from('sessions').where('id', id).firstOrFail()).expires_at).getTime()
    const written = await expiry()

    await new Promise((resolve) => setTimeout(resolve, 20))
    await store.touch(id)
    const touched = await expiry()
    assert.isAbove(touched, written)

    await new Promise((resolve) => setTimeout(resolve, 20))
    await store.touch(id)
    assert.equal(await expiry(), touched, 'a second touch within the minute writes nothing')

    assert.deepEqual(await store.read(id), { user: 7 })
    assert.isFunction(
      (store as any).tag,
      'tagging (ending a user’s sessions) still reaches the store'
    )
    await store.destroy(id)
    assert.isNull(await store.read(id))
  })
})
