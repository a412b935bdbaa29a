import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Footage fetched back from a camera's own SD card after a gap (edge storage retrieval):
 * each camera's replay setting, one job per missing window (automatic after a gap closes,
 * or asked for from the timeline), and the segments it brought back, which point at it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('cameras', (table) => {
      table
        .enum('edge_storage', ['none', 'onvif', 'hikvision', 'dahua', 'template'])
        .notNullable()
        .defaultTo('none')
      table.string('edge_replay_template', 500).nullable()
    })

    this.schema.createTable('edge_recoveries', (table) => {
      table.bigIncrements('id')
      table.integer('camera_id').notNullable().references('id').inTable('cameras')
      table.timestamp('window_from', { useTz: true }).notNullable()
      table.timestamp('window_to', { useTz: true }).notNullable()
      table
        .enum('status', ['pending', 'running', 'done', 'partial', 'not_on_card', 'failed'])
        .notNullable()
        .defaultTo('pending')
      table.enum('trigger', ['gap_closed', 'requested']).notNullable()
      table.integer('requested_by').nullable().references('id').inTable('users')
      table.integer('attempts').notNullable().defaultTo(0)
      table.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(this.now())
      /** What was missing when the job last looked, what came back, and what the card lacked. */
      table.integer('missing_ms').nullable()
      table.integer('recovered_ms').notNullable().defaultTo(0)
      table.integer('still_missing_ms').nullable()
      table.text('last_error').nullable()
      table.string('recorder_node', 120).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('started_at', { useTz: true }).nullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.unique(['camera_id', 'window_from', 'window_to'])
      table.index(['status', 'next_attempt_at'])
    })
    this.schema.raw(`
      ALTER TABLE edge_recoveries ADD CONSTRAINT edge_recoveries_window
        CHECK (window_to > window_from AND recovered_ms >= 0 AND attempts >= 0);
    `)

    this.schema.alterTable('recording_segments', (table) => {
      table.bigInteger('edge_recovery_id').nullable().references('id').inTable('edge_recoveries')
      table.index(['edge_recovery_id'])
    })
  }

  async down() {
    this.schema.alterTable('recording_segments', (table) => {
      table.dropColumn('edge_recovery_id')
    })
    this.schema.dropTable('edge_recoveries')
    this.schema.alterTable('cameras', (table) => {
      table.dropColumn('edge_replay_template')
      table.dropColumn('edge_storage')
    })
  }
}
