import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany, hasOne } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany, HasOne } from '@adonisjs/lucid/types/relations'
import BudgetLine from '#models/budget_line'
import User from '#models/user'
import ExpenseAttachment from '#models/expense_attachment'

export const EXPENSE_STATUSES = ['draft', 'submitted', 'approved', 'paid', 'rejected'] as const
export type ExpenseStatus = (typeof EXPENSE_STATUSES)[number]

/**
 * One expense (or the reversal of one). Frozen by PostgreSQL once approved, paid or
 * rejected; change it only through app/actions/expenses.
 */
export default class Expense extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: 'expense' | 'reversal'

  @column()
  declare status: ExpenseStatus

  @column()
  declare budgetLineId: number

  /** The maintenance ticket this repair cost came from, if any. */
  @column()
  declare ticketId: number | null

  @column()
  declare payee: string

  @column()
  declare description: string

  @column()
  declare quantity: number | null

  @column()
  declare unitPrice: number | null

  @column()
  declare amount: number

  @column()
  declare spentOn: string

  @column()
  declare contractNo: string | null

  @column()
  declare invoiceNo: string | null

  @column()
  declare voucherNo: string | null

  @column()
  declare note: string | null

  @column()
  declare reversesId: number | null

  @column()
  declare reason: string | null

  @column()
  declare rejectionReason: string | null

  @column()
  declare createdBy: number

  @column()
  declare submittedBy: number | null

  @column.dateTime()
  declare submittedAt: DateTime | null

  @column()
  declare approvedBy: number | null

  @column.dateTime()
  declare approvedAt: DateTime | null

  @column()
  declare paidBy: number | null

  @column.dateTime()
  declare paidAt: DateTime | null

  @column()
  declare rejectedBy: number | null

  @column.dateTime()
  declare rejectedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => BudgetLine)
  declare budgetLine: BelongsTo<typeof BudgetLine>

  @belongsTo(() => User, { foreignKey: 'createdBy' })
  declare creator: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'submittedBy' })
  declare submitter: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'approvedBy' })
  declare approver: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'paidBy' })
  declare payer: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'rejectedBy' })
  declare rejecter: BelongsTo<typeof User>

  @hasMany(() => ExpenseAttachment)
  declare attachments: HasMany<typeof ExpenseAttachment>

  @hasOne(() => Expense, { foreignKey: 'reversesId' })
  declare reversal: HasOne<typeof Expense>

  @belongsTo(() => Expense, { foreignKey: 'reversesId' })
  declare reverses: BelongsTo<typeof Expense>

  get isFrozen() {
    return ['approved', 'paid', 'rejected'].includes(this.status)
  }

  get isEditable() {
    return this.kind === 'expense' && (this.status === 'draft' || this.status === 'submitted')
  }

  toAuditJSON() {
    return {
      budgetLineId: this.budgetLineId,
      payee: this.payee,
      description: this.description,
      quantity: this.quantity,
      unitPrice: this.unitPrice,
      amount: this.amount,
      spentOn: this.spentOn,
      contractNo: this.contractNo,
      invoiceNo: this.invoiceNo,
      voucherNo: this.voucherNo,
      status: this.status,
    }
  }
}
