import db from '@adonisjs/lucid/services/db'
import ContributionScheme from '#models/contribution_scheme'
import enrolHouseholds from '#actions/contributions/enrol_households'
import { recordAudit, type AuditActor } from '#services/audit'

/** The committee's yearly contribution scheme, with the households of the chosen thôn. */
export default async function createScheme(params: {
  actor: AuditActor
  name: string
  fundId: number
  year: number
  amountPerHousehold: number
  note?: string | null
  villages: string[]
}) {
  return db.transaction(async (trx) => {
    const scheme = new ContributionScheme()
    scheme.merge({
      name: params.name.trim(),
      fundId: params.fundId,
      year: params.year,
      amountPerHousehold: params.amountPerHousehold,
      note: params.note?.trim() || null,
      createdBy: params.actor.id!,
    })
    await scheme.useTransaction(trx).save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'contribution.create',
        entityType: 'contribution_scheme',
        entityId: scheme.id,
        after: {
          name: scheme.name,
          fund_id: scheme.fundId,
          year: scheme.year,
          amount: scheme.amountPerHousehold,
        },
      },
      trx
    )
    const households = await enrolHouseholds(
      { actor: params.actor, schemeId: scheme.id, villages: params.villages },
      trx
    )
    return { scheme, households }
  })
}
