import { BaseSchema } from '@adonisjs/lucid/schema'

const TICKET_STATUSES = [
  'open',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'cancelled',
] as const
const TICKET_CATEGORIES = [
  'power_cut',
  'network',
  'weather',
  'hardware',
  'vandalism',
  'other',
] as const

/**
 * Maintenance tickets: a camera, where the ticket came from, its cause, and each step of
 * open → assigned → in progress → resolved → closed (or cancelled) with who and when.
 * At most one open automatic ticket per camera, enforced by the database.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('maintenance_tickets', (table) => {
      table.increments('id')
      table.integer('camera_id').notNullable().references('id').inTable('cameras')
      table.enum('source', ['recorder', 'public_report', 'staff', 'schedule']).notNullable()
      table.enum('category', TICKET_CATEGORIES).notNullable()
      table.enum('kind', ['corrective', 'preventive']).notNullable().defaultTo('corrective')
      table.enum('priority', ['low', 'normal', 'high', 'urgent']).notNullable().defaultTo('normal')
      table.string('title', 200).notNullable()
      table.text('description').nullable()
      table.enum('status', TICKET_STATUSES).notNullable().defaultTo('open')
      table.boolean('automatic').notNullable().defaultTo(false)
      /** Set when a person acts on an automatic ticket: it then never resolves itself. */
      table.boolean('touched_by_person').notNullable().defaultTo(false)
      table.integer('assignee_id').nullable().references('id').inTable('users')
      table.integer('fault_report_id').nullable().references('id').inTable('fault_reports')
      table.integer('opened_by').nullable().references('id').inTable('users')
      table.timestamp('opened_at', { useTz: true }).notNullable()
      for (const step of ['assigned', 'started', 'resolved', 'closed', 'cancelled']) {
        table.timestamp(`${step}_at`, { useTz: true }).nullable()
        table.integer(`${step}_by`).nullable().references('id').inTable('users')
      }
      /** When the recorder saw an automatic ticket's camera recording again for 10 min. */
      table.timestamp('recovered_at', { useTz: true }).nullable()
      table.text('resolution').nullable()
      table.text('cancel_reason').nullable()
      table.bigInteger('repair_cost').nullable()
      table.boolean('under_warranty').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['status'])
      table.index(['camera_id', 'opened_at'])
      table.index(['assignee_id', 'status'])
    })
    this.schema.raw(`
      CREATE UNIQUE INDEX maintenance_tickets_one_open_automatic
        ON maintenance_tickets (camera_id)
        WHERE automatic AND status IN ('open', 'assigned', 'in_progress');
      ALTER TABLE maintenance_tickets ADD CONSTRAINT maintenance_tickets_cost
        CHECK (repair_cost IS NULL OR repair_cost >= 0);
      ALTER TABLE maintenance_tickets ADD CONSTRAINT maintenance_tickets_steps CHECK (
        (status <> 'assigned' OR assignee_id IS NOT NULL)
        AND (status NOT IN ('resolved', 'closed') OR resolved_at IS NOT NULL)
        AND (status <> 'closed' OR closed_at IS NOT NULL)
        AND (status <> 'cancelled' OR (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL))
      );
    `)
  }

  async down() {
    this.schema.dropTable('maintenance_tickets')
  }
}
