import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Fund from '#models/fund'

/** A yearly contribution asked of each household (e.g. 50.000 đ for upkeep). */
export default class ContributionScheme extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare fundId: number

  @column()
  declare year: number

  @column()
  declare amountPerHousehold: number

  @column()
  declare note: string | null

  @column()
  declare createdBy: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Fund)
  declare fund: BelongsTo<typeof Fund>
}
