import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import Camera from '#models/camera'

/** The household that hosts cameras on its house, power and Wi-Fi (or a public place). */
export default class Household extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare headName: string

  @column()
  declare address: string | null

  @column()
  declare phone: string | null

  @column()
  declare isPublicPlace: boolean

  @column()
  declare consentSignedOn: string | null

  @column({ columnName: 'consent_scan_sha256' })
  declare consentScanSha256: string | null

  @column()
  declare consentScanType: string | null

  @column()
  declare providesPower: boolean

  @column()
  declare providesWifi: boolean

  @column()
  declare monthlySupport: number

  @column()
  declare note: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => Camera)
  declare cameras: HasMany<typeof Camera>

  /** Consent on record, or a public place: its cameras may go live. */
  get allowsActiveCameras() {
    return this.isPublicPlace || this.consentSignedOn !== null
  }

  toAuditJSON() {
    return {
      headName: this.headName,
      address: this.address,
      phone: this.phone,
      isPublicPlace: this.isPublicPlace,
      consentSignedOn: this.consentSignedOn,
      providesPower: this.providesPower,
      providesWifi: this.providesWifi,
      monthlySupport: this.monthlySupport,
    }
  }
}
