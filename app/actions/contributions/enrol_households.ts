import { withTransaction } from '#services/transaction'
import { villageKey } from '#services/contributions/contribution_queries'
import { recordAudit, type AuditActor } from '#services/audit'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Adds households to a scheme at its amount: the individuals of the donor register living in
 * the given thôn (matched without case or surrounding spaces), and the given donors. A
 * household already in the scheme is left as it is. Returns how many were added.
 */
export default async function enrolHouseholds(
  params: { actor: AuditActor; schemeId: number; villages?: string[]; donorIds?: number[] },
  outer?: TransactionClientContract
) {
  return withTransaction(outer, async (trx) => {
    const scheme = await trx
      .from('contribution_schemes')
      .where('id', params.schemeId)
      .forUpdate()
      .firstOrFail()
    const villages = new Set((params.villages ?? []).map(villageKey).filter(Boolean))
    const individuals = villages.size
      ? await trx
          .from('donors')
          .where('kind', 'individual')
          .whereNotNull('village')
          .select('id', 'village')
      : []
    const ids = new Set([
      ...(params.donorIds ?? []),
      ...individuals.filter((d) => villages.has(villageKey(d.village))).map((d) => d.id as number),
    ])
    const donors = [...ids].map((id) => ({ id }))
    if (!donors.length) return 0
    const inserted = await trx.rawQuery(
      `INSERT INTO pledges (scheme_id, donor_id, amount, created_by)
       SELECT ?, unnest(?::int[]), ?, ?
       ON CONFLICT (scheme_id, donor_id) DO NOTHING RETURNING id`,
      [scheme.id, donors.map((d) => d.id), scheme.amount_per_household, params.actor.id]
    )
    const added = inserted.rows as { id: number }[]
    await recordAudit(
      {
        actor: params.actor,
        action: 'contribution.enrol',
        entityType: 'contribution_scheme',
        entityId: scheme.id,
        after: {
          villages: params.villages ?? [],
          donor_ids: params.donorIds ?? [],
          households: added.length,
        },
      },
      trx
    )
    return added.length
  })
}
