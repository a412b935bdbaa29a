import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What the recorder writes: every closed segment (the index footage is found by) and the
 * runs of continuous recording with why each ended (gaps are the spaces between runs).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('recording_segments', (table) => {
      table.bigIncrements('id')
      table.integer('camera_id').notNullable().references('id').inTable('cameras')
      table.bigInteger('run_id').nullable()
      table.timestamp('started_at', { useTz: true }).notNullable()
      table.timestamp('ended_at', { useTz: true }).notNullable()
      table.integer('duration_ms').notNullable()
      table.bigInteger('bytes').notNullable()
      table.string('path', 500).notNullable().unique()
      table.string('sha256', 64).notNullable()
      table.string('video_codec', 40).nullable()
      table.integer('width').nullable()
      table.integer('height').nullable()
      table.boolean('recovered').notNullable().defaultTo(false)
      table.string('recorder_node', 120).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['camera_id', 'started_at'])
    })
    this.schema.raw(`
      ALTER TABLE recording_segments ADD CONSTRAINT recording_segments_times
        CHECK (ended_at >= started_at AND duration_ms >= 0 AND bytes >= 0);
    `)

    this.schema.createTable('recording_runs', (table) => {
      table.bigIncrements('id')
      table.integer('camera_id').notNullable().references('id').inTable('cameras')
      table.timestamp('started_at', { useTz: true }).notNullable()
      table.timestamp('ended_at', { useTz: true }).notNullable()
      table
        .enum('end_reason', [
          'unreachable',
          'stalled',
          'ffmpeg_exit',
          'recorder_stopped',
          'crash_recovered',
          'disabled',
        ])
        .nullable()
      table.integer('exit_code').nullable()
      table.string('recorder_node', 120).nullable()
      table.index(['camera_id', 'started_at'])
    })

    this.schema.createTable('recorder_events', (table) => {
      table.bigIncrements('id')
      table.integer('camera_id').nullable().references('id').inTable('cameras')
      table.string('kind', 40).notNullable()
      table.text('detail').nullable()
      table.string('recorder_node', 120).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['camera_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('recorder_events')
    this.schema.dropTable('recording_runs')
    this.schema.dropTable('recording_segments')
  }
}
