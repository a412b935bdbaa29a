import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * How the treasurer matched a list's columns to the fields, remembered per set of headers
 * (their normalised text, hashed), so next month's file of the same shape reads at once.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('import_column_mappings', (table) => {
      table.string('signature', 64).primary()
      table.jsonb('columns').notNullable()
      table.jsonb('headers').notNullable()
      table.integer('updated_by').references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
  }

  async down() {
    this.schema.dropTable('import_column_mappings')
  }
}
