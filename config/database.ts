import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@adonisjs/lucid'
import { resolveDatabaseLocation } from '#services/database_location'

const location = resolveDatabaseLocation(env, fileURLToPath(app.appRoot))

const dbConfig = defineConfig({
  connection: 'postgres',
  connections: {
    postgres: {
      client: 'pg',
      connection: location.connection,
      pool: { min: 0, max: 10 },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
      seeders: {
        paths: ['database/seeders'],
      },
    },
    /**
     * Rate-limit counters on their own small pool: a throttle counts even when the
     * request's own transaction rolls back, and it never rides on someone else's
     * transaction (the limiter keeps the client it was created with).
     */
    limiter: {
      client: 'pg',
      connection: location.connection,
      pool: { min: 0, max: 2 },
    },
  },
})

export default dbConfig
