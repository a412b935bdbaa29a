import { createDonor, type DonorFields } from '#actions/donors/save_donor'
import { claimSubmission } from '#services/submission_keys'
import { withTransaction } from '#services/transaction'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordAudit, type AuditActor } from '#services/audit'

import type { DonationMethod } from '#models/donation'
import { formatReceiptNo, reserveReceiptNumbers } from '#actions/donations/post_donations'

export interface RecordDonationParams {
  actor: AuditActor
  enteredBy: number
  /** A donor on the list, or none with `newDonor` to add one in the same transaction. */
  donorId: number | null
  newDonor?: DonorFields | null
  /** The treasurer checked that a new donor resembling a listed one is someone else. */
  confirmDuplicate?: boolean
  fundId?: number | null
  amount: number
  /** Calendar day the money was received, `yyyy-mm-dd`. */
  receivedOn: string
  method: DonationMethod
  inKindDescription?: string | null
  note?: string | null
  /** The batch (paper list or file import) the entry was posted from. */
  batchId?: number | null
  /** One-time key of the form or API request: sent twice, it records nothing the second time. */
  submissionKey?: string | null
}

/** The next receipt number of a year, taken inside the caller's transaction. */
export async function nextReceiptNumber(trx: TransactionClientContract, year: number) {
  return formatReceiptNo(year, await reserveReceiptNumbers(trx, year, 1))
}

/**
 * Records one donation with its receipt number (append-only ledger), adding its donor to
 * the list first when the donor is new (refused as a likely duplicate unless confirmed).
 */
export default class RecordDonation {
  static async handle(params: RecordDonationParams, outer?: TransactionClientContract) {
    if (!params.donorId && !params.newDonor) throw new TypeError('a donor or a new donor is needed')
    if (!Number.isSafeInteger(params.amount) || params.amount <= 0) {
      throw new RangeError('amount must be a positive whole number of đồng')
    }
    const work = async (trx: TransactionClientContract) => {
      const donorId =
        params.donorId ??
        (
          await createDonor(
            {
              actor: params.actor,
              fields: params.newDonor!,
              confirmDuplicate: params.confirmDuplicate,
            },
            trx
          )
        ).id
      const fundId =
        params.fundId ?? (await trx.from('funds').where('is_default', true).firstOrFail()).id
      const year = Number(params.receivedOn.slice(0, 4))
      const receiptNo = await nextReceiptNumber(trx, year)
      const [row] = await trx
        .insertQuery()
        .table('donations')
        .insert({
          kind: 'donation',
          receipt_no: receiptNo,
          donor_id: donorId,
          fund_id: fundId,
          amount: params.amount,
          received_on: params.receivedOn,
          method: params.method,
          in_kind_description: params.inKindDescription ?? null,
          note: params.note ?? null,
          entered_by: params.enteredBy,
          batch_id: params.batchId ?? null,
        })
        .returning('*')
      await claimSubmission(trx, {
        key: params.submissionKey,
        userId: params.enteredBy,
        action: 'donation.create',
        entityId: row.id,
      })
      await recordAudit(
        {
          actor: params.actor,
          action: 'donation.create',
          entityType: 'donation',
          entityId: row.id,
          after: {
            receiptNo,
            donorId,
            fundId,
            amount: params.amount,
            receivedOn: params.receivedOn,
            method: params.method,
          },
        },
        trx
      )
      return row
    }
    return withTransaction(outer, work)
  }
}
