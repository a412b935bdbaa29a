import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { fileURLToPath } from 'node:url'
import env from '#start/env'
import EmbeddedPostgres from '#services/embedded_postgres'
import { resolveDatabaseLocation } from '#services/database_location'
import { sleep } from '#tests/recorder_support'

const LEAKS = /node_modules|at .+\.(ts|js):\d+|ECONNREFUSED|stack/i

/*
 * The commune PC's database stops (a crash, an update, a power cut of its own) while the
 * web app keeps running: requests meanwhile fail with a clear page and no internals, and
 * once the database is back the same app process serves again, without a restart.
 */
test.group('Database stopped and restarted under the running app', () => {
  test('requests fail cleanly while it is down and work again once it is back', async ({
    client,
    assert,
  }) => {
    const location = resolveDatabaseLocation(env, fileURLToPath(app.appRoot))
    if (location.kind !== 'embedded') return
    const server = new EmbeddedPostgres({
      dataDir: location.dataDir,
      port: location.port,
      password: location.password,
    })
    ;(await client.get('/cong-khai')).assertStatus(200)

    await server.stop()
    try {
      const health = await client.get('/healthz')
      assert.equal(health.status(), 503)
      assert.notMatch(JSON.stringify(health.body()), LEAKS)
      const page = await client.get('/cong-khai')
      assert.isAtLeast(page.status(), 500)
      assert.notMatch(page.text(), LEAKS)
      assert.match(page.text(), /lỗi|Lỗi/)
    } finally {
      await server.ensureRunning()
    }

    // The same process, no restart: the pool replaces its dead connections.
    let back = false
    for (let i = 0; i < 30 && !back; i++) {
      const response = await client.get('/cong-khai')
      back = response.status() === 200
      if (!back) await sleep(500)
    }
    assert.isTrue(back, 'the app serves pages again once the database is back')
    const health = await client.get('/healthz')
    health.assertStatus(200)
  }).timeout(120_000)
})
