import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per recorder process (a node): the web reads its heartbeat for /healthz and
 * the dashboard. Camera leases and health tables arrive with the NVR core.
 */
export default class extends BaseSchema {
  protected tableName = 'recorder_nodes'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 120).primary()
      table.string('hostname', 255).notNullable()
      table.integer('pid').notNullable()
      table.string('version', 40).nullable()
      table.timestamp('started_at', { useTz: true }).notNullable()
      table.timestamp('last_beat_at', { useTz: true }).notNullable()
      table.timestamp('stopped_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
