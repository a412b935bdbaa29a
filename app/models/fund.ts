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

  /** A campaign's goal in đồng (null: a fund without one). */
  @column()
  declare targetAmount: number | null

  @column()
  declare targetDeadline: string | null

  /** What the campaign buys, e.g. "Lắp 6 camera thôn An Đại 2". */
  @column()
  declare purpose: string | null

  @column.dateTime()
  declare createdAt: DateTime

  static default() {
    return this.query().where('is_default', true).firstOrFail()
  }
}
