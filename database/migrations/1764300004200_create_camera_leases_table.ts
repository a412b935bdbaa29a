import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Several recorder nodes share the cameras through PostgreSQL: one lease row per camera,
 * held by the node recording it and renewed with its heartbeat. A lease that was not
 * renewed in time is taken by another node (FOR UPDATE SKIP LOCKED). A camera may be
 * pinned to one node (e.g. the hub in its village), which then is the only node to take it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('camera_leases', (table) => {
      table.integer('camera_id').primary().references('id').inTable('cameras').onDelete('CASCADE')
      table.string('node_id', 120).notNullable()
      table.timestamp('acquired_at', { useTz: true }).notNullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.string('previous_node_id', 120).nullable()
      table.index(['node_id'])
    })
    this.schema.alterTable('cameras', (table) => {
      table.string('pinned_node', 120).nullable()
    })
    // A camera handed to another node (lease lost, pin changed) ends its run with its own reason.
    this.schema.raw(`
      ALTER TABLE recording_runs DROP CONSTRAINT recording_runs_end_reason_check;
      ALTER TABLE recording_runs ADD CONSTRAINT recording_runs_end_reason_check CHECK (end_reason IN
        ('unreachable', 'stalled', 'ffmpeg_exit', 'recorder_stopped', 'crash_recovered',
         'disabled', 'handed_over'));
    `)
  }

  async down() {
    this.schema.raw(`
      UPDATE recording_runs SET end_reason = 'recorder_stopped' WHERE end_reason = 'handed_over';
      ALTER TABLE recording_runs DROP CONSTRAINT recording_runs_end_reason_check;
      ALTER TABLE recording_runs ADD CONSTRAINT recording_runs_end_reason_check CHECK (end_reason IN
        ('unreachable', 'stalled', 'ffmpeg_exit', 'recorder_stopped', 'crash_recovered', 'disabled'));
    `)
    this.schema.alterTable('cameras', (table) => {
      table.dropColumn('pinned_node')
    })
    this.schema.dropTable('camera_leases')
  }
}
