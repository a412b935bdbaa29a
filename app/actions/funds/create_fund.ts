import db from '@adonisjs/lucid/services/db'
import Fund from '#models/fund'
import { recordAudit, type AuditActor } from '#services/audit'

/** A campaign's goal as the forms send it: each part optional. */
export interface CampaignGoal {
  targetAmount?: number | null
  targetDeadline?: string | null
  purpose?: string | null
}

/** The goal's columns, blanks as null. */
export function goalColumns(goal: CampaignGoal) {
  return {
    targetAmount: goal.targetAmount ?? null,
    targetDeadline: goal.targetDeadline ?? null,
    purpose: goal.purpose?.trim() || null,
  }
}

/** Opens another fund or campaign (e.g. a maintenance fund, or 6 cameras for a thôn). */
export default async function createFund(
  params: { actor: AuditActor; code: string; name: string } & CampaignGoal
) {
  return db.transaction(async (trx) => {
    const fund = new Fund()
    fund.merge({ code: params.code, name: params.name, isDefault: false, ...goalColumns(params) })
    fund.useTransaction(trx)
    await fund.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'fund.create',
        entityType: 'fund',
        entityId: fund.id,
        after: {
          code: fund.code,
          name: fund.name,
          target_amount: fund.targetAmount,
          target_deadline: fund.targetDeadline,
          purpose: fund.purpose,
        },
      },
      trx
    )
    return fund
  })
}
