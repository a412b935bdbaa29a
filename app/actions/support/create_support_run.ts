import db from '@adonisjs/lucid/services/db'
import { createExpense } from '#actions/expenses/save_expense'
import { submitExpense } from '#actions/expenses/workflow'
import { recordAudit, type AuditActor } from '#services/audit'
import { todayIso } from '#services/dates'
import { supportLines, type SupportMonth } from '#services/support/support_month'

/** A run that cannot be made; `reason` is an i18n key under support.errors. */
export class SupportRunError extends Error {
  code = 'E_SUPPORT_RUN'
  status = 409
  constructor(public reason: string) {
    super(reason)
  }
}

/**
 * The month's support for hosting households, as one expense submitted for the committee's
 * approval and one payment row per household. Runs for the same month are serialised, and
 * the unique index refuses a household's second live row for a month, so two clicks (or two
 * treasurers) pay nobody twice: the second run finds nobody left and says so. A household
 * whose earlier row's expense was rejected or reversed is owed again, so those rows are
 * voided first.
 */
export default async function createSupportRun(params: {
  actor: AuditActor
  month: SupportMonth
  budgetLineId: number
}) {
  return db.transaction(async (trx) => {
    await trx.rawQuery('select pg_advisory_xact_lock(hashtext(?))', [
      `support:${params.month.first}`,
    ])
    await trx.rawQuery(
      `UPDATE support_payments p SET voided_at = now()
        FROM expenses e
       WHERE p.expense_id = e.id AND p.month = ? AND p.voided_at IS NULL
         AND (e.status = 'rejected' OR EXISTS (SELECT 1 FROM expenses r WHERE r.reverses_id = e.id))`,
      [params.month.first]
    )
    const due = (await supportLines(params.month, trx)).filter((l) => l.paymentId === null)
    if (!due.length) throw new SupportRunError('nothing_due')
    const total = due.reduce((sum, l) => sum + l.amount, 0)
    const expense = await createExpense(
      {
        actor: params.actor,
        fields: {
          budgetLineId: params.budgetLineId,
          payee: `Các hộ đặt camera (${due.length} hộ, theo bảng kê)`,
          description: `Hỗ trợ hộ đặt camera tháng ${params.month.label}`,
          amount: total,
          spentOn: todayIso(),
          // The households are listed on the support page (roles that pay them), not here:
          // every role that reads spending reads this note.
          note: `Bảng kê: trang "Hỗ trợ hộ đặt camera", tháng ${params.month.label}`,
        },
      },
      trx
    )
    await submitExpense({ actor: params.actor, expenseId: expense.id }, trx)
    await trx.table('support_payments').multiInsert(
      due.map((l) => ({
        household_id: l.householdId,
        month: params.month.first,
        amount: l.amount,
        expense_id: expense.id,
        created_by: params.actor.id,
      }))
    )
    await recordAudit(
      {
        actor: params.actor,
        action: 'support.run',
        entityType: 'expense',
        entityId: expense.id,
        after: { month: params.month.key, households: due.length, amount: total },
      },
      trx
    )
    return { expenseId: expense.id, households: due.length, total }
  })
}
