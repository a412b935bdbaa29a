import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const REPAIRS_PAID_BY = ['programme', 'owner', 'shared'] as const
export type RepairsPaidBy = (typeof REPAIRS_PAID_BY)[number]

/**
 * The agreement under which a camera the programme does not own (a thôn's, a household's,
 * a business's) is connected to the monitoring centre: who, since when, what may be recorded
 * and for how long, who pays repairs, and the signed paper's scan.
 */
export default class CameraAgreement extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare cameraId: number

  @column()
  declare partyName: string

  @column()
  declare partyPhone: string | null

  @column()
  declare signedOn: string

  @column()
  declare recordingScope: string

  @column()
  declare retentionDays: number

  @column()
  declare repairsPaidBy: RepairsPaidBy

  @column({ columnName: 'scan_sha256' })
  declare scanSha256: string | null

  @column()
  declare scanType: string | null

  @column()
  declare note: string | null

  @column()
  declare createdBy: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
