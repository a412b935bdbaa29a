import { fileURLToPath } from 'node:url'
import pg from 'pg'
import type { ApplicationService } from '@adonisjs/core/types'
import { parseBigint } from '#services/money'
import { resolveDatabaseLocation } from '#services/database_location'
import type EmbeddedPostgres from '#services/embedded_postgres'

/**
 * Makes sure the database server is reachable before anything queries it.
 *
 * - DATABASE_URL set: nothing to start.
 * - Embedded server already up (started by `npm start` or another command): connect to it.
 * - Otherwise: start it, and stop it again when this process ends (this process owns it).
 *
 * Runs in `start()`, i.e. for the web server, the test runner and ace commands that start
 * the app (migrations, seeders, recorder:run, users:create, ...), not for `node ace list`.
 */
export default class DatabaseServerProvider {
  #server?: EmbeddedPostgres
  #owned = false

  constructor(protected app: ApplicationService) {}

  register() {
    // int8 (bigint money columns, count(*)) arrives as a string; make it a number when safe.
    pg.types.setTypeParser(pg.types.builtins.INT8, parseBigint)
    // A `date` is a calendar day, not an instant: keep `yyyy-mm-dd` instead of a JS Date at
    // the server's local midnight (which shifts by a day across time zones).
    pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value)
  }

  async start() {
    const env = (await import('#start/env')).default
    const location = resolveDatabaseLocation(env, fileURLToPath(this.app.appRoot))
    if (location.kind !== 'embedded') return

    const { default: Server } = await import('#services/embedded_postgres')
    const logger = await this.app.container.make('logger')
    this.#server = new Server({
      dataDir: location.dataDir,
      port: location.port,
      password: location.password,
      log: (message) => logger.info(message),
    })
    this.#owned = await this.#server.ensureRunning()
    await this.#server.ensureDatabase(location.database)
  }

  /** True when this process started the embedded server and will stop it on exit. */
  get ownsServer() {
    return this.#owned
  }

  async shutdown() {
    if (!this.#owned || !this.#server) return
    const db = await this.app.container.make('lucid.db')
    await db.manager.closeAll()
    await this.#server.stop()
    this.#owned = false
  }
}
