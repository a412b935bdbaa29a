import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Server-side sessions (tagged with the user id so an admin can end them) and the
 * login / API rate-limit counters of @adonisjs/limiter.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('sessions', (table) => {
      table.string('id', 255).primary()
      table.string('user_id', 64).nullable().index()
      table.text('data').notNullable()
      table.timestamp('expires_at', { useTz: true }).notNullable().index()
    })
    this.schema.createTable('rate_limits', (table) => {
      table.string('key', 255).notNullable().primary()
      table.integer('points').notNullable().defaultTo(0)
      table.bigint('expire')
    })
  }

  async down() {
    this.schema.dropTable('rate_limits')
    this.schema.dropTable('sessions')
  }
}
