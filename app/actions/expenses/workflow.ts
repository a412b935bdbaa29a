import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Expense from '#models/expense'
import { recordAudit, type AuditActor } from '#services/audit'
import { todayIso } from '#services/dates'
import { withTransaction } from '#services/transaction'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** A step that the expense's state does not allow; `reason` is an i18n key under expenses.state. */
export class ExpenseStateError extends Error {
  code = 'E_EXPENSE_STATE'
  status = 409
  constructor(public reason: string) {
    super(reason)
  }
}

async function lock(trx: TransactionClientContract, id: number) {
  return Expense.query({ client: trx }).where('id', id).forUpdate().firstOrFail()
}

async function step(
  params: { actor: AuditActor; expenseId: number },
  action: string,
  change: (expense: Expense, trx: TransactionClientContract) => Promise<void> | void,
  extra: Record<string, unknown> = {},
  outer?: TransactionClientContract
) {
  return withTransaction(outer, async (trx) => {
    const expense = await lock(trx, params.expenseId)
    const from = expense.status
    await change(expense, trx)
    await expense.save()
    await recordAudit(
      {
        actor: params.actor,
        action: `expense.${action}`,
        entityType: 'expense',
        entityId: expense.id,
        before: { status: from },
        after: { status: expense.status, amount: expense.amount, ...extra },
      },
      trx
    )
    return expense
  })
}

/** draft -> submitted: the author asks the committee to approve. */
export function submitExpense(
  params: { actor: AuditActor; expenseId: number },
  outer?: TransactionClientContract
) {
  return step(
    params,
    'submit',
    (expense) => {
      if (expense.kind !== 'expense' || expense.status !== 'draft') {
        throw new ExpenseStateError('not_draft')
      }
      expense.merge({
        status: 'submitted',
        submittedBy: params.actor.id,
        submittedAt: DateTime.now(),
      })
    },
    {},
    outer
  )
}

/** submitted -> approved, by a committee member who did not submit it. */
export function approveExpense(params: { actor: AuditActor; expenseId: number }) {
  return step(params, 'approve', (expense) => {
    if (expense.status !== 'submitted') throw new ExpenseStateError('not_submitted')
    if (expense.submittedBy === params.actor.id || expense.createdBy === params.actor.id) {
      throw new ExpenseStateError('own_expense')
    }
    expense.merge({ status: 'approved', approvedBy: params.actor.id, approvedAt: DateTime.now() })
  })
}

/** submitted -> rejected, with the reason the author will read. */
export function rejectExpense(params: { actor: AuditActor; expenseId: number; reason: string }) {
  return step(
    params,
    'reject',
    (expense) => {
      if (expense.status !== 'submitted') throw new ExpenseStateError('not_submitted')
      expense.merge({
        status: 'rejected',
        rejectedBy: params.actor.id,
        rejectedAt: DateTime.now(),
        rejectionReason: params.reason.trim(),
      })
    },
    { reason: params.reason }
  )
}

/** approved -> paid, by the treasurer; a cancelled (reversed) approval cannot be paid. */
export function payExpense(params: { actor: AuditActor; expenseId: number }) {
  return step(params, 'pay', async (expense, trx) => {
    if (expense.kind !== 'expense' || expense.status !== 'approved') {
      throw new ExpenseStateError('not_approved')
    }
    if (await trx.from('expenses').where('reverses_id', expense.id).first()) {
      throw new ExpenseStateError('reversed')
    }
    expense.merge({ status: 'paid', paidBy: params.actor.id, paidAt: DateTime.now() })
  })
}

/**
 * Cancels an approved or paid expense without touching it: a negative row linked to it,
 * with the reason, in the same state (so committed or paid totals net out). Once only.
 */
export async function reverseExpense(params: {
  actor: AuditActor
  expenseId: number
  reason: string
}) {
  return db.transaction(async (trx) => {
    const original = await lock(trx, params.expenseId)
    if (original.kind !== 'expense' || !['approved', 'paid'].includes(original.status)) {
      throw new ExpenseStateError('not_reversible')
    }
    if (await trx.from('expenses').where('reverses_id', original.id).first()) {
      throw new ExpenseStateError('reversed')
    }
    const now = DateTime.now()
    const reversal = new Expense()
    reversal.merge({
      kind: 'reversal',
      status: original.status,
      budgetLineId: original.budgetLineId,
      payee: original.payee,
      description: original.description,
      quantity: original.quantity,
      unitPrice: original.unitPrice,
      amount: -original.amount,
      spentOn: todayIso(),
      reversesId: original.id,
      reason: params.reason.trim(),
      createdBy: params.actor.id!,
      approvedBy: params.actor.id,
      approvedAt: now,
      paidBy: original.status === 'paid' ? params.actor.id : null,
      paidAt: original.status === 'paid' ? now : null,
    })
    reversal.useTransaction(trx)
    await reversal.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'expense.reverse',
        entityType: 'expense',
        entityId: original.id,
        after: { reversalId: reversal.id, amount: reversal.amount, reason: reversal.reason },
      },
      trx
    )
    return reversal
  })
}
