import db from '@adonisjs/lucid/services/db'
import { withTransaction } from '#services/transaction'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import DonationBatch from '#models/donation_batch'
import DonationBatchRow from '#models/donation_batch_row'
import type { DonationMethod } from '#models/donation'
import { postDonations } from '#actions/donations/post_donations'
import { resolveListedDonor, type DonorOnAList } from '#actions/donors/resolve_donor'
import { recordAudit, type AuditActor } from '#services/audit'

export class BatchClosedError extends Error {
  code = 'E_BATCH_CLOSED'
  status = 409
}

/** Closing refused: the typed rows do not add up to what the paper list says. */
export class BatchMismatchError extends Error {
  code = 'E_BATCH_MISMATCH'
  status = 422
  constructor(
    public expected: { count: number; total: number },
    public actual: { count: number; total: number }
  ) {
    super('batch count or total does not match')
  }
}

export interface BatchLine {
  donor: DonorOnAList
  donorId?: number | null
  amount: number
  receivedOn: string
  method: DonationMethod
  inKindDescription?: string | null
  note?: string | null
}

/** Count and sum of a batch's rows. */
export async function batchTally(batchId: number, trx?: TransactionClientContract) {
  const row = await (trx ?? db)
    .from('donation_batch_rows')
    .where('batch_id', batchId)
    .count('* as count')
    .sum('amount as total')
    .first()
  return { count: Number(row?.count ?? 0), total: Number(row?.total ?? 0) }
}

export async function createBatch(
  params: {
    actor: AuditActor
    label: string
    fundId: number
    expectedCount: number
    expectedTotal: number
    source?: 'manual' | 'import'
    sourceFilename?: string | null
    sourceSha256?: string | null
  },
  outer?: TransactionClientContract
) {
  const work = async (trx: TransactionClientContract) => {
    const batch = new DonationBatch()
    batch.merge({
      label: params.label.trim(),
      fundId: params.fundId,
      expectedCount: params.expectedCount,
      expectedTotal: params.expectedTotal,
      source: params.source ?? 'manual',
      sourceFilename: params.sourceFilename ?? null,
      sourceSha256: params.sourceSha256 ?? null,
      status: 'open',
      createdBy: params.actor.id!,
    })
    batch.useTransaction(trx)
    await batch.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'donation_batch.create',
        entityType: 'donation_batch',
        entityId: batch.id,
        after: {
          label: batch.label,
          expectedCount: batch.expectedCount,
          expectedTotal: batch.expectedTotal,
          source: batch.source,
          sourceFilename: batch.sourceFilename,
        },
      },
      trx
    )
    return batch
  }
  return withTransaction(outer, work)
}

async function lockOpenBatch(trx: TransactionClientContract, batchId: number) {
  const batch = await DonationBatch.query({ client: trx })
    .where('id', batchId)
    .forUpdate()
    .firstOrFail()
  if (!batch.isOpen) throw new BatchClosedError('batch is closed')
  return batch
}

/** Adds a typed line to an open batch; an unknown donor is added to the donor list. */
export async function addBatchRow(
  params: { actor: AuditActor; batchId: number; line: BatchLine },
  outer?: TransactionClientContract
) {
  const work = async (trx: TransactionClientContract) => {
    await lockOpenBatch(trx, params.batchId)
    const donorId =
      params.line.donorId ?? (await resolveListedDonor(params.actor, params.line.donor, trx))
    const row = new DonationBatchRow()
    row.merge({
      batchId: params.batchId,
      donorId,
      amount: params.line.amount,
      receivedOn: params.line.receivedOn,
      method: params.line.method,
      inKindDescription: params.line.inKindDescription?.trim() || null,
      note: params.line.note?.trim() || null,
    })
    row.useTransaction(trx)
    await row.save()
    return row
  }
  return withTransaction(outer, work)
}

/** Removes a mistyped line from an open batch (nothing is in the ledger yet). */
export async function removeBatchRow(params: { batchId: number; rowId: number }) {
  return db.transaction(async (trx) => {
    await lockOpenBatch(trx, params.batchId)
    await trx
      .from('donation_batch_rows')
      .where('batch_id', params.batchId)
      .where('id', params.rowId)
      .delete()
  })
}

/**
 * Posts every line of the batch to the ledger (each with its receipt number) in one
 * transaction, only when the lines match the declared count and total.
 */
export async function closeBatch(
  params: { actor: AuditActor; batchId: number },
  outer?: TransactionClientContract
) {
  const work = async (trx: TransactionClientContract) => {
    const batch = await lockOpenBatch(trx, params.batchId)
    const actual = await batchTally(batch.id, trx)
    const expected = { count: batch.expectedCount, total: batch.expectedTotal }
    if (actual.count !== expected.count || actual.total !== expected.total) {
      throw new BatchMismatchError(expected, actual)
    }
    const rows = await DonationBatchRow.query({ client: trx })
      .where('batch_id', batch.id)
      .orderBy('id')
    const posted = await postDonations(trx, {
      enteredBy: params.actor.id!,
      fundId: batch.fundId,
      batchId: batch.id,
      lines: rows,
    })
    // Each line points at the ledger entry it became.
    for (let i = 0; i < rows.length; i += 1000) {
      const pairs = rows.slice(i, i + 1000).map((row, k) => [row.id, posted[i + k].id])
      await trx.rawQuery(
        `update donation_batch_rows as r set donation_id = v.donation_id::bigint
         from (values ${pairs.map(() => '(?::int, ?::bigint)').join(', ')}) as v(id, donation_id)
         where r.id = v.id`,
        pairs.flat()
      )
    }
    batch.merge({ status: 'closed', closedBy: params.actor.id, closedAt: DateTime.now() })
    await batch.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'donation_batch.close',
        entityType: 'donation_batch',
        entityId: batch.id,
        after: {
          ...actual,
          firstReceipt: posted[0]?.receiptNo ?? null,
          lastReceipt: posted.at(-1)?.receiptNo ?? null,
        },
      },
      trx
    )
    return batch
  }
  return withTransaction(outer, work)
}
