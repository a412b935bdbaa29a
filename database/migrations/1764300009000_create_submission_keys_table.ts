import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per form or API write sent with a one-time key (the form's hidden field, the
 * API's Idempotency-Key header): a second send of the same key is refused and writes
 * nothing, so a double click or a retried request never records money twice.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('submission_keys', (table) => {
      table.string('key', 100).primary()
      table.integer('user_id').nullable().references('id').inTable('users')
      table.string('action', 60).notNullable()
      table.bigInteger('entity_id').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
  }

  async down() {
    this.schema.dropTable('submission_keys')
  }
}
