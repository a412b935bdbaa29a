import { withTransaction } from '#services/transaction'
import BudgetLine from '#models/budget_line'
import { recordAudit, type AuditActor } from '#services/audit'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export interface BudgetLineFields {
  fundId: number
  name: string
  approvedAmount: number
  periodStart?: string | null
  periodEnd?: string | null
  note?: string | null
  /** Repairs from maintenance tickets are drafted on this line (one per fund). */
  isMaintenance?: boolean
}

/** Creates a budget line, or changes one (`lineId`), with before/after in the audit log. */
export default async function saveBudgetLine(
  params: { actor: AuditActor; lineId?: number; fields: BudgetLineFields },
  outer?: TransactionClientContract
) {
  const work = async (trx: TransactionClientContract) => {
    const line = params.lineId
      ? await BudgetLine.query({ client: trx }).where('id', params.lineId).forUpdate().firstOrFail()
      : new BudgetLine()
    const before = params.lineId ? line.toAuditJSON() : null
    line.merge({
      fundId: params.fields.fundId,
      name: params.fields.name.trim(),
      approvedAmount: params.fields.approvedAmount,
      periodStart: params.fields.periodStart ?? null,
      periodEnd: params.fields.periodEnd ?? null,
      note: params.fields.note?.trim() || null,
      isMaintenance: params.fields.isMaintenance ?? false,
    })
    if (!params.lineId) line.createdBy = params.actor.id
    line.useTransaction(trx)
    await line.save()
    await recordAudit(
      {
        actor: params.actor,
        action: params.lineId ? 'budget_line.update' : 'budget_line.create',
        entityType: 'budget_line',
        entityId: line.id,
        before,
        after: line.toAuditJSON(),
      },
      trx
    )
    return line
  }
  return withTransaction(outer, work)
}
