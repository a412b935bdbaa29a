import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Daily jobs that must run once for the whole installation, however many recorder nodes
 * there are (the backup): the day each was last done, and by which node. The job itself is
 * serialised by a PostgreSQL advisory lock (app/services/jobs/cluster_jobs.ts).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('cluster_job_runs', (table) => {
      table.string('name', 60).primary()
      table.date('last_day').notNullable()
      table.string('node', 100).notNullable()
      table.timestamp('finished_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('cluster_job_runs')
  }
}
