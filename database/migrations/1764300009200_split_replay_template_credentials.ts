import { BaseSchema } from '@adonisjs/lucid/schema'
import { splitStoredTemplateCredentials } from '#actions/cameras/split_stored_template_credentials'

/**
 * Replay templates saved before issue 21 may hold `user:pass@` in clear text: move them to
 * the camera's encrypted credentials (when it has none) and strip them from the template.
 * Nothing to undo: the credentials stay encrypted with the camera.
 */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      await splitStoredTemplateCredentials(db)
    })
  }

  async down() {}
}
