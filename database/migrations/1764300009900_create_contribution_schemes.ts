import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Household contributions for upkeep (report section IV.2): the committee sets a scheme
 * (a fund, a year, an amount per household); households (donors of the register, by thôn)
 * pledge it. A payment is an ordinary donation: the donor's donations to the scheme's fund
 * within its year are what the household paid, so a receipt, a batch, an import or the API
 * all count without a second record of the same money.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('contribution_schemes', (table) => {
      table.increments('id')
      table.string('name', 200).notNullable()
      table.integer('fund_id').notNullable().references('id').inTable('funds')
      table.integer('year').notNullable()
      table.bigInteger('amount_per_household').notNullable()
      table.text('note').nullable()
      table.integer('created_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['fund_id', 'year'])
    })
    this.schema.raw(`
      ALTER TABLE contribution_schemes ADD CONSTRAINT contribution_schemes_shape
        CHECK (amount_per_household > 0 AND year BETWEEN 2000 AND 2100);
    `)
    this.schema.createTable('pledges', (table) => {
      table.increments('id')
      table.integer('scheme_id').notNullable().references('id').inTable('contribution_schemes')
      table.integer('donor_id').notNullable().references('id').inTable('donors')
      table.bigInteger('amount').notNullable()
      table.integer('created_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['scheme_id', 'donor_id'])
    })
    this.schema.raw(`ALTER TABLE pledges ADD CONSTRAINT pledges_amount CHECK (amount > 0);`)
  }

  async down() {
    this.schema.dropTable('pledges')
    this.schema.dropTable('contribution_schemes')
  }
}
