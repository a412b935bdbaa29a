import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'users'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table.string('full_name', 120).notNullable()
      table.string('email', 254).notNullable().unique()
      table.string('password').notNullable()
      table
        .enu('role', ['admin', 'treasurer', 'committee', 'technician', 'operator', 'viewer'])
        .notNullable()
      table.enu('locale', ['vi', 'en']).notNullable().defaultTo('vi')
      table.boolean('password_change_required').notNullable().defaultTo(false)
      table.timestamp('disabled_at', { useTz: true }).nullable()
      table.timestamp('last_login_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    // Emails are compared case-insensitively: store them lower-case only.
    this.schema.raw(
      `ALTER TABLE users ADD CONSTRAINT users_email_lower CHECK (email = lower(email))`
    )
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
