import { BaseSchema } from '@adonisjs/lucid/schema'
import { appendOnlyTriggers } from '#database/append_only'

/**
 * The treasurer's ledger: funds, donors and donations.
 *
 * Donations are append-only (the shared trigger refuses UPDATE/DELETE/TRUNCATE); a mistake
 * is fixed by a reversal row (negative amount, linked to the original, with a reason).
 * Receipt numbers are gapless per year: `receipt_sequences` hands out the next number
 * inside the inserting transaction, so a rolled-back insert gives its number back.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('funds', (table) => {
      table.increments('id')
      table.string('code', 40).notNullable().unique()
      table.string('name', 200).notNullable()
      table.boolean('is_default').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(`CREATE UNIQUE INDEX funds_one_default ON funds (is_default) WHERE is_default`)

    this.schema.createTable('donors', (table) => {
      table.increments('id')
      table.enum('kind', ['organisation', 'individual']).notNullable()
      table.string('name', 200).notNullable()
      table.string('name_normalized', 200).notNullable().index()
      table.string('address', 300).nullable()
      table.string('village', 120).nullable()
      table.string('phone', 30).nullable().index()
      table.text('note').nullable()
      table.boolean('anonymous_public').notNullable().defaultTo(false)
      table.boolean('is_sample').notNullable().defaultTo(false)
      table.integer('created_by').nullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('receipt_sequences', (table) => {
      table.integer('year').primary()
      table.integer('last_number').notNullable()
    })

    this.schema.createTable('donations', (table) => {
      table.bigIncrements('id')
      table.enum('kind', ['donation', 'reversal']).notNullable()
      table.string('receipt_no', 20).nullable().unique()
      table.integer('donor_id').notNullable().references('id').inTable('donors')
      table.integer('fund_id').notNullable().references('id').inTable('funds')
      table.bigInteger('amount').notNullable()
      table.date('received_on').notNullable()
      table.enum('method', ['cash', 'bank_transfer', 'in_kind']).notNullable()
      table.string('in_kind_description', 300).nullable()
      table.text('note').nullable()
      table.bigInteger('reverses_id').nullable().unique().references('id').inTable('donations')
      table.text('reason').nullable()
      table.integer('entered_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['received_on'])
      table.index(['donor_id'])
    })
    this.schema.raw(`
      ALTER TABLE donations ADD CONSTRAINT donations_kind_shape CHECK (
        (kind = 'donation' AND amount > 0 AND reverses_id IS NULL AND receipt_no IS NOT NULL)
        OR (kind = 'reversal' AND amount < 0 AND reverses_id IS NOT NULL
            AND reason IS NOT NULL AND length(btrim(reason)) > 0)
      );
      ALTER TABLE donations ADD CONSTRAINT donations_in_kind_described CHECK (
        method <> 'in_kind' OR kind = 'reversal' OR length(btrim(coalesce(in_kind_description, ''))) > 0
      );
      ${appendOnlyTriggers('donations')}
      INSERT INTO funds (code, name, is_default) VALUES ('camera', 'Chương trình camera an ninh', true);
    `)
  }

  async down() {
    this.schema.dropTable('donations')
    this.schema.dropTable('receipt_sequences')
    this.schema.dropTable('donors')
    this.schema.dropTable('funds')
  }
}
