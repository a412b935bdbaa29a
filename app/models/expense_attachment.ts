import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A scanned contract, invoice or voucher (PDF/JPG/PNG) kept under storage/attachments. */
export default class ExpenseAttachment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare expenseId: number

  @column()
  declare originalName: string

  @column()
  declare contentType: string

  @column()
  declare byteSize: number

  @column({ columnName: 'sha256' })
  declare sha256: string

  @column()
  declare uploadedBy: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
