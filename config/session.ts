import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/session'

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
    database: stores.database({ tableName: 'sessions', gcProbability: 2 }),
  },
})

export default sessionConfig
