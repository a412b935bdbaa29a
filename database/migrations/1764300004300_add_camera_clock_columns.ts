import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * How far each camera's own clock is from the recorder's, measured over ONVIF. Shown to
 * staff (a camera far off stamps wrong times on its picture and its SD card), never used
 * for footage times, which come from the recorder's clock.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('cameras', (table) => {
      table.integer('clock_offset_seconds').nullable()
      table.timestamp('clock_checked_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.alterTable('cameras', (table) => {
      table.dropColumn('clock_offset_seconds')
      table.dropColumn('clock_checked_at')
    })
  }
}
