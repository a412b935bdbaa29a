import db from '@adonisjs/lucid/services/db'
import { withTransaction } from '#services/transaction'
import Expense from '#models/expense'
import { recordAudit, type AuditActor } from '#services/audit'
import { ExpenseStateError } from '#actions/expenses/workflow'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export interface ExpenseFields {
  budgetLineId: number
  payee: string
  description: string
  /** Either quantity × unitPrice, or a lump sum in `amount`. */
  quantity?: number | null
  unitPrice?: number | null
  amount?: number | null
  spentOn: string
  contractNo?: string | null
  invoiceNo?: string | null
  voucherNo?: string | null
  note?: string | null
}

/** The amount an expense's fields describe: quantity × unit price, or the lump sum. */
export function expenseAmount(fields: ExpenseFields): number {
  if (fields.quantity && fields.unitPrice) {
    const amount = fields.quantity * fields.unitPrice
    if (!Number.isSafeInteger(amount)) throw new RangeError('amount too large')
    return amount
  }
  if (!fields.amount) throw new RangeError('an amount or quantity × unit price is required')
  return fields.amount
}

function columns(fields: ExpenseFields) {
  const priced = !!(fields.quantity && fields.unitPrice)
  const clean = (v?: string | null) => v?.trim() || null
  return {
    budgetLineId: fields.budgetLineId,
    payee: fields.payee.trim(),
    description: fields.description.trim(),
    quantity: priced ? fields.quantity! : null,
    unitPrice: priced ? fields.unitPrice! : null,
    amount: expenseAmount(fields),
    spentOn: fields.spentOn,
    contractNo: clean(fields.contractNo),
    invoiceNo: clean(fields.invoiceNo),
    voucherNo: clean(fields.voucherNo),
    note: clean(fields.note),
  }
}

/** A new expense, as a draft. */
export async function createExpense(
  params: { actor: AuditActor; fields: ExpenseFields },
  outer?: TransactionClientContract
) {
  const work = async (trx: TransactionClientContract) => {
    const expense = new Expense()
    expense.merge({ ...columns(params.fields), kind: 'expense', status: 'draft' })
    expense.createdBy = params.actor.id!
    expense.useTransaction(trx)
    await expense.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'expense.create',
        entityType: 'expense',
        entityId: expense.id,
        after: expense.toAuditJSON(),
      },
      trx
    )
    return expense
  }
  return withTransaction(outer, work)
}

/** Changes a draft (a submitted expense goes back to its author as a draft first). */
export async function updateDraftExpense(params: {
  actor: AuditActor
  expenseId: number
  fields: ExpenseFields
}) {
  return db.transaction(async (trx) => {
    const expense = await Expense.query({ client: trx })
      .where('id', params.expenseId)
      .forUpdate()
      .firstOrFail()
    if (expense.status !== 'draft') throw new ExpenseStateError('not_draft')
    const before = expense.toAuditJSON()
    expense.merge(columns(params.fields))
    await expense.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'expense.update',
        entityType: 'expense',
        entityId: expense.id,
        before,
        after: expense.toAuditJSON(),
      },
      trx
    )
    return expense
  })
}

/** Removes a draft that should never have been entered (only drafts can go). */
export async function deleteDraftExpense(params: { actor: AuditActor; expenseId: number }) {
  return db.transaction(async (trx) => {
    const expense = await Expense.query({ client: trx })
      .where('id', params.expenseId)
      .forUpdate()
      .firstOrFail()
    if (expense.status !== 'draft') throw new ExpenseStateError('not_draft')
    const attachments = await trx.from('expense_attachments').where('expense_id', expense.id)
    if (attachments.length) throw new ExpenseStateError('has_attachments')
    await trx.from('expense_allocations').where('expense_id', expense.id).delete()
    await expense.delete()
    await recordAudit(
      {
        actor: params.actor,
        action: 'expense.delete_draft',
        entityType: 'expense',
        entityId: expense.id,
        before: expense.toAuditJSON(),
      },
      trx
    )
  })
}
