import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The rest of maintenance:
 *  - preventive schedules, per camera or per location (every N days or months from an
 *    anchor day), and the tickets they open (one active ticket per schedule and camera);
 *  - photos on tickets (content-addressed files, like expense attachments);
 *  - a public fault report points at the ticket it opened or joined;
 *  - settings people change in the web (maintenance thresholds), one row per key.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('maintenance_schedules', (table) => {
      table.increments('id')
      table.string('title', 200).notNullable()
      table.text('description').nullable()
      table.integer('camera_id').nullable().references('id').inTable('cameras')
      table.integer('location_id').nullable().references('id').inTable('locations')
      table.integer('interval_count').notNullable()
      table.enum('interval_unit', ['days', 'months']).notNullable()
      /** The first due day; later ones are anchor + k × interval (no drift at month ends). */
      table.date('anchor_on').notNullable()
      table.date('next_due_on').notNullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.integer('created_by').nullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['active', 'next_due_on'])
    })
    this.schema.raw(`
      ALTER TABLE maintenance_schedules ADD CONSTRAINT maintenance_schedules_target
        CHECK ((camera_id IS NULL) <> (location_id IS NULL));
      ALTER TABLE maintenance_schedules ADD CONSTRAINT maintenance_schedules_interval
        CHECK (interval_count BETWEEN 1 AND 3650);
    `)

    this.schema.alterTable('maintenance_tickets', (table) => {
      table.integer('schedule_id').nullable().references('id').inTable('maintenance_schedules')
      table.date('due_on').nullable()
    })
    this.schema.raw(`
      CREATE UNIQUE INDEX maintenance_tickets_one_active_per_schedule
        ON maintenance_tickets (schedule_id, camera_id)
        WHERE schedule_id IS NOT NULL AND status IN ('open', 'assigned', 'in_progress');
    `)

    this.schema.createTable('ticket_photos', (table) => {
      table.increments('id')
      table.integer('ticket_id').notNullable().references('id').inTable('maintenance_tickets')
      table.string('sha256', 64).notNullable()
      table.string('content_type', 60).notNullable()
      table.integer('size').notNullable()
      table.string('caption', 200).nullable()
      table.integer('uploaded_by').nullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['ticket_id'])
    })

    this.schema.alterTable('fault_reports', (table) => {
      table.integer('ticket_id').nullable().references('id').inTable('maintenance_tickets')
    })

    this.schema.createTable('app_settings', (table) => {
      table.string('key', 100).primary()
      table.jsonb('value').notNullable()
      table.integer('updated_by').nullable().references('id').inTable('users')
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
  }

  async down() {
    this.schema.dropTable('app_settings')
    this.schema.alterTable('fault_reports', (table) => table.dropColumn('ticket_id'))
    this.schema.dropTable('ticket_photos')
    this.schema.raw('DROP INDEX IF EXISTS maintenance_tickets_one_active_per_schedule')
    this.schema.alterTable('maintenance_tickets', (table) => {
      table.dropColumn('schedule_id')
      table.dropColumn('due_on')
    })
    this.schema.dropTable('maintenance_schedules')
  }
}
