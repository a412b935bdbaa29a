import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#services/audit'
import { DISPLAY_ZONE } from '#services/dates'

export class DonationNotReversibleError extends Error {
  code = 'E_NOT_REVERSIBLE'
}

/**
 * Cancels a recorded donation without touching it: a reversal row with the opposite
 * amount, linked to the original, with the reason. Totals are plain sums of the ledger.
 * A donation is reversed at most once (unique link); a reversal cannot be reversed.
 */
export default class ReverseDonation {
  static async handle(params: {
    actor: AuditActor
    enteredBy: number
    donationId: number
    reason: string
  }) {
    const reason = params.reason.trim()
    if (!reason) throw new DonationNotReversibleError('a reason is required')
    return db.transaction(async (trx) => {
      const original = await trx
        .from('donations')
        .where('id', params.donationId)
        .forUpdate()
        .first()
      if (!original || original.kind !== 'donation') {
        throw new DonationNotReversibleError('only a recorded donation can be reversed')
      }
      const already = await trx.from('donations').where('reverses_id', original.id).first()
      if (already) throw new DonationNotReversibleError('already reversed')

      const [row] = await trx
        .insertQuery()
        .table('donations')
        .insert({
          kind: 'reversal',
          receipt_no: null,
          donor_id: original.donor_id,
          fund_id: original.fund_id,
          amount: -original.amount,
          received_on: DateTime.now().setZone(DISPLAY_ZONE).toISODate(),
          method: original.method,
          reverses_id: original.id,
          reason,
          entered_by: params.enteredBy,
        })
        .returning('*')
      await recordAudit(
        {
          actor: params.actor,
          action: 'donation.reverse',
          entityType: 'donation',
          entityId: original.id,
          after: { reversalId: row.id, amount: row.amount, reason },
        },
        trx
      )
      return row
    })
  }
}
