import { BaseSchema } from '@adonisjs/lucid/schema'

/** Every committee report generated: who, when, which period, the file and its SHA-256. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('report_history', (table) => {
      table.increments('id')
      table.string('kind', 40).notNullable()
      table.enum('format', ['xlsx', 'html', 'pdf']).notNullable()
      table.date('period_from').notNullable()
      table.date('period_to').notNullable()
      table.string('file_name', 200).notNullable()
      table.bigInteger('bytes').notNullable()
      table.string('sha256', 64).notNullable()
      table.integer('created_by').nullable().references('id').inTable('users')
      table.string('created_by_label', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['created_at'])
    })
    this.schema.raw(`
      ALTER TABLE report_history ADD CONSTRAINT report_history_period CHECK (period_to >= period_from);
    `)
  }

  async down() {
    this.schema.dropTable('report_history')
  }
}
