import db from '@adonisjs/lucid/services/db'
import Expense from '#models/expense'
import { recordAudit, type AuditActor } from '#services/audit'
import { spreadExactly } from '#services/spread'

/**
 * Spreads an expense over cameras (e.g. the 26-camera contract): equal shares that add up
 * to the expense exactly, the leftover đồng going one each to the first cameras. Replaces
 * any earlier spreading of the same expense.
 */
export default async function allocateExpense(params: {
  actor: AuditActor
  expenseId: number
  cameraCodes: string[]
}) {
  const codes = [...new Set(params.cameraCodes.map((c) => c.trim()).filter(Boolean))]
  if (codes.length === 0) throw new RangeError('no cameras')
  return db.transaction(async (trx) => {
    const expense = await Expense.query({ client: trx })
      .where('id', params.expenseId)
      .forUpdate()
      .firstOrFail()
    const shares = spreadExactly(expense.amount, codes.length)
    await trx.from('expense_allocations').where('expense_id', expense.id).delete()
    await trx
      .insertQuery()
      .table('expense_allocations')
      .multiInsert(
        codes.map((code, i) => ({ expense_id: expense.id, camera_code: code, amount: shares[i] }))
      )
    // Cameras in the register with these codes take their share as their cost.
    const linked = await trx.rawQuery(
      `update cameras c set cost = a.amount, cost_expense_id = a.expense_id, updated_at = now()
       from expense_allocations a where a.expense_id = ? and a.camera_code = c.code`,
      [expense.id]
    )
    await recordAudit(
      {
        actor: params.actor,
        action: 'expense.allocate',
        entityType: 'expense',
        entityId: expense.id,
        after: { cameras: codes.length, amount: expense.amount, linkedCameras: linked.rowCount },
      },
      trx
    )
    return codes.map((code, i) => ({ cameraCode: code, amount: shares[i] }))
  })
}
