import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Fund from '#models/fund'
import User from '#models/user'
import DonationBatchRow from '#models/donation_batch_row'
import Donation from '#models/donation'

/** A paper list being typed in (or a file import): drafts until closed. */
export default class DonationBatch extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare source: 'manual' | 'import'

  @column()
  declare label: string

  @column()
  declare fundId: number

  @column()
  declare expectedCount: number

  @column()
  declare expectedTotal: number

  @column()
  declare status: 'open' | 'closed'

  @column()
  declare sourceFilename: string | null

  @column({ columnName: 'source_sha256' })
  declare sourceSha256: string | null

  @column()
  declare createdBy: number

  @column()
  declare closedBy: number | null

  @column.dateTime()
  declare closedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Fund)
  declare fund: BelongsTo<typeof Fund>

  @belongsTo(() => User, { foreignKey: 'createdBy' })
  declare creator: BelongsTo<typeof User>

  @hasMany(() => DonationBatchRow, { foreignKey: 'batchId' })
  declare rows: HasMany<typeof DonationBatchRow>

  /** The ledger entries it posted (an import posts at once; a paper list when closed). */
  @hasMany(() => Donation, { foreignKey: 'batchId' })
  declare donations: HasMany<typeof Donation>

  get isOpen() {
    return this.status === 'open'
  }
}
