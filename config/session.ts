import env from '#start/env'
import { configProvider } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { defineConfig, stores } from '@adonisjs/session'
import type { SessionConfig, SessionStoreFactory } from '@adonisjs/session/types'
import { touchingAtMostEveryMinute } from '#services/session_touch'

/**
 * Sessions live in PostgreSQL, tagged with the user id, so that disabling a user ends
 * every session that user has open. Tests use the memory store (the Japa session client
 * writes there).
 */
const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'can-session',
  clearWithBrowser: false,
  age: '8h',
  cookie: {
    path: '/',
    httpOnly: true,
    // Secure is added per request under HTTPS (#middleware/https_middleware).
    secure: false,
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER', 'database'),
  stores: {
    cookie: stores.cookie(),
    // The database store, moving a session's expiry at most once a minute (session_touch.ts).
    database: configProvider.create(async (app) => {
      const store = await configProvider.resolve<SessionStoreFactory>(
        app,
        stores.database({ tableName: 'sessions', gcProbability: 2 })
      )
      return (ctx: HttpContext, config: SessionConfig) =>
        touchingAtMostEveryMinute(store!(ctx, config))
    }),
  },
})

export default sessionConfig
