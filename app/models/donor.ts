import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import Donation from '#models/donation'

export const DONOR_KINDS = ['individual', 'organisation'] as const
export type DonorKind = (typeof DONOR_KINDS)[number]

/** A person or organisation that gave. The public sees `publicName`, never more. */
export default class Donor extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: DonorKind

  @column()
  declare name: string

  @column()
  declare nameNormalized: string

  @column()
  declare address: string | null

  @column()
  declare village: string | null

  @column()
  declare phone: string | null

  @column()
  declare note: string | null

  @column()
  declare anonymousPublic: boolean

  @column()
  declare isSample: boolean

  @column()
  declare createdBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => Donation)
  declare donations: HasMany<typeof Donation>

  /** Fields kept in the audit log when a donor is created or changed. */
  toAuditJSON() {
    return {
      kind: this.kind,
      name: this.name,
      address: this.address,
      village: this.village,
      phone: this.phone,
      note: this.note,
      anonymousPublic: this.anonymousPublic,
    }
  }
}
