import db from '@adonisjs/lucid/services/db'
import Fund from '#models/fund'
import { recordAudit, type AuditActor } from '#services/audit'
import { goalColumns, type CampaignGoal } from '#actions/funds/create_fund'

/** A camera another campaign already pays for; `codes` names them. */
export class CameraOfAnotherCampaignError extends Error {
  code = 'E_CAMERA_OF_ANOTHER_CAMPAIGN'
  constructor(public codes: string[]) {
    super(codes.join(', '))
  }
}

/**
 * Changes a fund's name and goal and sets the cameras it pays for: the listed ones are
 * linked, the others it had are let go. A camera linked to another campaign is refused, so
 * no camera is paid for twice in the records.
 */
export default async function saveCampaign(params: {
  actor: AuditActor
  fundId: number
  name: string
  goal: CampaignGoal
  cameraIds: number[]
}) {
  return db.transaction(async (trx) => {
    const fund = await Fund.query({ client: trx })
      .where('id', params.fundId)
      .forUpdate()
      .firstOrFail()
    const taken = await trx
      .from('cameras')
      .whereIn('id', params.cameraIds)
      .whereNotNull('fund_id')
      .whereNot('fund_id', fund.id)
      .orderBy('code')
      .select('code')
    if (taken.length) throw new CameraOfAnotherCampaignError(taken.map((c) => c.code))
    const before = await trx
      .from('cameras')
      .where('fund_id', fund.id)
      .orderBy('code')
      .select('code')
    const was = {
      name: fund.name,
      target_amount: fund.targetAmount,
      target_deadline: fund.targetDeadline,
      purpose: fund.purpose,
      camera_codes: before.map((c) => c.code),
    }
    fund.merge({ name: params.name.trim(), ...goalColumns(params.goal) })
    await fund.useTransaction(trx).save()
    await trx
      .from('cameras')
      .where('fund_id', fund.id)
      .whereNotIn('id', params.cameraIds)
      .update({ fund_id: null })
    if (params.cameraIds.length) {
      await trx.from('cameras').whereIn('id', params.cameraIds).update({ fund_id: fund.id })
    }
    const after = await trx.from('cameras').where('fund_id', fund.id).orderBy('code').select('code')
    await recordAudit(
      {
        actor: params.actor,
        action: 'fund.update',
        entityType: 'fund',
        entityId: fund.id,
        before: was,
        after: {
          name: fund.name,
          target_amount: fund.targetAmount,
          target_deadline: fund.targetDeadline,
          purpose: fund.purpose,
          camera_codes: after.map((c) => c.code),
        },
      },
      trx
    )
    return fund
  })
}
