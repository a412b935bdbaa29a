import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Donor from '#models/donor'
import type { DonationMethod } from '#models/donation'

/** One line of a batch; becomes a donation (`donationId`) when the batch closes. */
export default class DonationBatchRow extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare batchId: number

  @column()
  declare donorId: number

  @column()
  declare amount: number

  @column()
  declare receivedOn: string

  @column()
  declare method: DonationMethod

  @column()
  declare inKindDescription: string | null

  @column()
  declare note: string | null

  @column()
  declare donationId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Donor)
  declare donor: BelongsTo<typeof Donor>
}
