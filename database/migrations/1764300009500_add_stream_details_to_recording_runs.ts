import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Each recording run keeps what the camera sent (issue 20): codec, profile, size, frame
 * rate and audio codec, read from its first segment, shown on the camera page.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('recording_runs', (table) => {
      table.string('video_codec', 40).nullable()
      table.string('video_profile', 60).nullable()
      table.integer('width').nullable()
      table.integer('height').nullable()
      table.decimal('fps', 6, 2).nullable()
      table.string('audio_codec', 40).nullable()
    })
  }

  async down() {
    this.schema.alterTable('recording_runs', (table) => {
      table.dropColumns('video_codec', 'video_profile', 'width', 'height', 'fps', 'audio_codec')
    })
  }
}
