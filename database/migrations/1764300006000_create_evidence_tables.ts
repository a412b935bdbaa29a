import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Evidence for the police: a case (number, type, who asked for it), its clips (a camera and
 * a window of wall-clock time) and its exports (one .zip each, with the SHA-256 of the zip
 * and of its manifest). Segments under a clip of an open case are held from retention
 * (segment_holds.case_id); the chain of custody is the audit log of the case.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('evidence_cases', (table) => {
      table.increments('id')
      table.string('case_number', 60).notNullable().unique()
      table.enum('case_type', ['traffic_accident', 'theft', 'fight', 'other']).notNullable()
      table.text('description').notNullable()
      table.string('requesting_agency', 200).notNullable()
      table.string('requesting_person', 200).notNullable()
      table.date('requested_on').notNullable()
      table.enum('status', ['open', 'closed']).notNullable().defaultTo('open')
      table.integer('created_by').notNullable().references('id').inTable('users')
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.integer('closed_by').nullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('evidence_clips', (table) => {
      table.increments('id')
      table.integer('case_id').notNullable().references('id').inTable('evidence_cases')
      table.integer('camera_id').notNullable().references('id').inTable('cameras')
      table.timestamp('starts_at', { useTz: true }).notNullable()
      table.timestamp('ends_at', { useTz: true }).notNullable()
      table.integer('created_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['case_id'])
    })
    this.schema.raw(`
      ALTER TABLE evidence_clips ADD CONSTRAINT evidence_clips_window
        CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '24 hours');
    `)

    this.schema.createTable('evidence_exports', (table) => {
      table.increments('id')
      table.integer('case_id').notNullable().references('id').inTable('evidence_cases')
      table
        .enum('status', ['queued', 'running', 'done', 'failed'])
        .notNullable()
        .defaultTo('queued')
      table.integer('progress').notNullable().defaultTo(0)
      table.string('file_name', 200).nullable()
      table.bigInteger('bytes').nullable()
      table.string('zip_sha256', 64).nullable()
      table.string('manifest_sha256', 64).nullable()
      table.text('error').nullable()
      table.integer('created_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.index(['case_id'])
      table.index(['manifest_sha256'])
    })

    this.schema.alterTable('segment_holds', (table) => {
      table.integer('case_id').nullable().references('id').inTable('evidence_cases')
      table.index(['case_id'])
    })
  }

  async down() {
    this.schema.alterTable('segment_holds', (table) => table.dropColumn('case_id'))
    this.schema.dropTable('evidence_exports')
    this.schema.dropTable('evidence_clips')
    this.schema.dropTable('evidence_cases')
  }
}
