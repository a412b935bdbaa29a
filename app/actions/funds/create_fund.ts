import db from '@adonisjs/lucid/services/db'
import Fund from '#models/fund'
import { recordAudit, type AuditActor } from '#services/audit'

/** Opens another fund or campaign (e.g. a maintenance fund) to raise money for. */
export default async function createFund(params: {
  actor: AuditActor
  code: string
  name: string
}) {
  return db.transaction(async (trx) => {
    const fund = new Fund()
    fund.merge({ code: params.code, name: params.name, isDefault: false })
    fund.useTransaction(trx)
    await fund.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'fund.create',
        entityType: 'fund',
        entityId: fund.id,
        after: { code: fund.code, name: fund.name },
      },
      trx
    )
    return fund
  })
}
