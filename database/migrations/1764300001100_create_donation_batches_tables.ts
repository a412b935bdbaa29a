import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Batch entry of a paper list (and the record of each file import).
 *
 * A batch declares the count and total written on the paper; its rows are drafts the
 * treasurer can still correct. Closing posts every row to the append-only `donations`
 * ledger in one transaction, and only when the rows match both declared figures.
 * An import is a batch whose rows come from a file and that is closed on confirmation.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('donation_batches', (table) => {
      table.increments('id')
      table.enum('source', ['manual', 'import']).notNullable().defaultTo('manual')
      table.string('label', 200).notNullable()
      table.integer('fund_id').notNullable().references('id').inTable('funds')
      table.integer('expected_count').notNullable()
      table.bigInteger('expected_total').notNullable()
      table.enum('status', ['open', 'closed']).notNullable().defaultTo('open')
      table.string('source_filename', 255).nullable()
      table.string('source_sha256', 64).nullable()
      table.integer('created_by').notNullable().references('id').inTable('users')
      table.integer('closed_by').nullable().references('id').inTable('users')
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(`
      ALTER TABLE donation_batches ADD CONSTRAINT donation_batches_expected_positive
        CHECK (expected_count > 0 AND expected_total > 0);
      ALTER TABLE donation_batches ADD CONSTRAINT donation_batches_closed_shape
        CHECK ((status = 'closed') = (closed_at IS NOT NULL));
    `)

    this.schema.createTable('donation_batch_rows', (table) => {
      table.increments('id')
      table
        .integer('batch_id')
        .notNullable()
        .references('id')
        .inTable('donation_batches')
        .onDelete('CASCADE')
      table.integer('donor_id').notNullable().references('id').inTable('donors')
      table.bigInteger('amount').notNullable()
      table.date('received_on').notNullable()
      table.enum('method', ['cash', 'bank_transfer', 'in_kind']).notNullable()
      table.string('in_kind_description', 300).nullable()
      table.text('note').nullable()
      table.bigInteger('donation_id').nullable().unique().references('id').inTable('donations')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['batch_id'])
    })
    this.schema.raw(`
      ALTER TABLE donation_batch_rows ADD CONSTRAINT donation_batch_rows_amount_positive
        CHECK (amount > 0);
    `)

    this.schema.alterTable('donations', (table) => {
      table.integer('batch_id').nullable().references('id').inTable('donation_batches')
    })
  }

  async down() {
    this.schema.alterTable('donations', (table) => {
      table.dropColumn('batch_id')
    })
    this.schema.dropTable('donation_batch_rows')
    this.schema.dropTable('donation_batches')
  }
}
