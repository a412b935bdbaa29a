import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'

export const LOCATION_KINDS = ['commune', 'route', 'village', 'point'] as const
export type LocationKind = (typeof LOCATION_KINDS)[number]

/** A node of the location tree: commune -> route/village -> point. */
export default class Location extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare parentId: number | null

  @column()
  declare kind: LocationKind

  @column()
  declare name: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Location, { foreignKey: 'parentId' })
  declare parent: BelongsTo<typeof Location>

  @hasMany(() => Location, { foreignKey: 'parentId' })
  declare children: HasMany<typeof Location>
}
