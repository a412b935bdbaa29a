import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Cameras whose audio MPEG-TS cannot carry (G.711, common on Hikvision and Dahua): the
 * recorder marks them and converts their audio to AAC, so it is not lost (issue 20).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('cameras', (table) => {
      table.boolean('audio_to_aac').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable('cameras', (table) => {
      table.dropColumn('audio_to_aac')
    })
  }
}
