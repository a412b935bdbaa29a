import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A fund or campaign money is raised for (the camera programme by default). */
export default class Fund extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare isDefault: boolean

  @column.dateTime()
  declare createdAt: DateTime

  static default() {
    return this.query().where('is_default', true).firstOrFail()
  }
}
