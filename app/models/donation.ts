import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasOne } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasOne } from '@adonisjs/lucid/types/relations'
import Donor from '#models/donor'
import Fund from '#models/fund'
import User from '#models/user'

export const DONATION_METHODS = ['cash', 'bank_transfer', 'in_kind'] as const
export type DonationMethod = (typeof DONATION_METHODS)[number]

/**
 * One ledger entry: a donation (positive, with a receipt number) or the reversal of one
 * (negative, with a reason). Rows are append-only; write them through the actions in
 * app/actions/donations, never with `save()`.
 */
export default class Donation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: 'donation' | 'reversal'

  @column()
  declare receiptNo: string | null

  @column()
  declare donorId: number

  @column()
  declare fundId: number

  @column()
  declare amount: number

  /** Calendar day, `yyyy-mm-dd`. */
  @column()
  declare receivedOn: string

  @column()
  declare method: DonationMethod

  @column()
  declare inKindDescription: string | null

  @column()
  declare note: string | null

  @column()
  declare reversesId: number | null

  @column()
  declare reason: string | null

  @column()
  declare batchId: number | null

  @column()
  declare enteredBy: number

  @column.dateTime()
  declare createdAt: DateTime

  @belongsTo(() => Donor)
  declare donor: BelongsTo<typeof Donor>

  @belongsTo(() => Fund)
  declare fund: BelongsTo<typeof Fund>

  @belongsTo(() => User, { foreignKey: 'enteredBy' })
  declare enteredByUser: BelongsTo<typeof User>

  /** The reversal that cancelled this donation, if any. */
  @hasOne(() => Donation, { foreignKey: 'reversesId' })
  declare reversal: HasOne<typeof Donation>

  @belongsTo(() => Donation, { foreignKey: 'reversesId' })
  declare reverses: BelongsTo<typeof Donation>

  get isReversal() {
    return this.kind === 'reversal'
  }
}
