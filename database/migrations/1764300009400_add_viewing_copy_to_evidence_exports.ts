import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * An export may carry, beside each H.265 original, an H.264 viewing copy for agencies whose
 * players cannot open H.265 (issue 20). The originals are never replaced.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('evidence_exports', (table) => {
      table.boolean('viewing_copy').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable('evidence_exports', (table) => {
      table.dropColumn('viewing_copy')
    })
  }
}
