import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A recorder process and its heartbeat. */
export default class RecorderNode extends BaseModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare hostname: string

  @column()
  declare pid: number

  @column()
  declare version: string | null

  @column.dateTime()
  declare startedAt: DateTime

  @column.dateTime()
  declare lastBeatAt: DateTime

  @column.dateTime()
  declare stoppedAt: DateTime | null
}
