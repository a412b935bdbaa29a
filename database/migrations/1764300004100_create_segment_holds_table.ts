import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Segments that retention must never delete (footage under an evidence case). The
 * evidence issue adds cases; a hold names the segment and why it is kept.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('segment_holds', (table) => {
      table.bigIncrements('id')
      table
        .bigInteger('segment_id')
        .notNullable()
        .references('id')
        .inTable('recording_segments')
        .onDelete('RESTRICT')
      table.string('reason', 200).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['segment_id'])
    })
  }

  async down() {
    this.schema.dropTable('segment_holds')
  }
}
