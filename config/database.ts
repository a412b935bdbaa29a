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
  },
})

export default dbConfig
