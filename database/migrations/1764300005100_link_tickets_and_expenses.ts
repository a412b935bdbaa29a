import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A repair's cost becomes a draft expense on the fund's maintenance budget line, linked
 * both ways: the ticket names its expense, the expense its ticket.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('budget_lines', (table) => {
      table.boolean('is_maintenance').notNullable().defaultTo(false)
    })
    this.schema.raw(`
      CREATE UNIQUE INDEX budget_lines_one_maintenance_per_fund
        ON budget_lines (fund_id) WHERE is_maintenance;
    `)
    this.schema.alterTable('maintenance_tickets', (table) => {
      table.integer('expense_id').nullable().references('id').inTable('expenses')
    })
    this.schema.alterTable('expenses', (table) => {
      table.integer('ticket_id').nullable().references('id').inTable('maintenance_tickets')
    })
  }

  async down() {
    this.schema.alterTable('expenses', (table) => {
      table.dropColumn('ticket_id')
    })
    this.schema.alterTable('maintenance_tickets', (table) => {
      table.dropColumn('expense_id')
    })
    this.schema.raw('DROP INDEX IF EXISTS budget_lines_one_maintenance_per_fund')
    this.schema.alterTable('budget_lines', (table) => {
      table.dropColumn('is_maintenance')
    })
  }
}
