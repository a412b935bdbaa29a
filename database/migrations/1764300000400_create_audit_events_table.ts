import { BaseSchema } from '@adonisjs/lucid/schema'
import { appendOnlyTriggers } from '#database/append_only'

/**
 * Who changed what, when and from where. Append-only: the trigger refuses UPDATE,
 * DELETE and TRUNCATE, so not even the application can rewrite history.
 */
export default class extends BaseSchema {
  protected tableName = 'audit_events'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.integer('actor_id').nullable().references('id').inTable('users').onDelete('RESTRICT')
      table.string('actor_label', 160).nullable()
      table.string('action', 60).notNullable()
      table.string('entity_type', 60).notNullable()
      table.string('entity_id', 64).nullable()
      table.jsonb('before').nullable()
      table.jsonb('after').nullable()
      table.string('ip', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['entity_type', 'entity_id'])
      table.index(['actor_id'])
      table.index(['created_at'])
    })
    this.schema.raw(appendOnlyTriggers(this.tableName))
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
