import db from '@adonisjs/lucid/services/db'
import type DonationBatch from '#models/donation_batch'
import { parseBigint } from '#services/money'

export interface ImportResult {
  count: number
  total: number
  firstReceipt: string | null
  lastReceipt: string | null
  newDonors: number
  /** Donors of this import who are not named in public (the treasurer still sees them). */
  anonymousDonors: { id: number; name: string; village: string | null; amount: number }[]
}

/**
 * What an import wrote, read back from the ledger (not from the preview): the entries of
 * the batch, their receipt numbers, the donors it added and those kept anonymous.
 */
export async function importResult(batch: DonationBatch): Promise<ImportResult> {
  const [sums] = await db
    .from('donations')
    .where('batch_id', batch.id)
    .where('kind', 'donation')
    .select(
      db.raw('count(*)::int as count'),
      db.raw('coalesce(sum(amount), 0)::text as total'),
      db.raw('min(receipt_no) as first'),
      db.raw('max(receipt_no) as last')
    )
  const anonymous = await db
    .from('donations')
    .join('donors', 'donors.id', 'donations.donor_id')
    .where('donations.batch_id', batch.id)
    .where('donors.anonymous_public', true)
    .groupBy('donors.id', 'donors.name', 'donors.village')
    .orderBy('donors.name')
    .select(
      'donors.id',
      'donors.name',
      'donors.village',
      db.raw('sum(donations.amount)::text as amount')
    )
  const audit = await db
    .from('audit_events')
    .where('entity_type', 'donation_batch')
    .where('entity_id', String(batch.id))
    .where('action', 'donation_import.confirm')
    .select('after')
    .first()
  const after = typeof audit?.after === 'string' ? JSON.parse(audit.after) : (audit?.after ?? {})
  return {
    count: sums.count,
    total: parseBigint(sums.total),
    firstReceipt: sums.first,
    lastReceipt: sums.last,
    newDonors: Number(after.newDonors ?? 0),
    anonymousDonors: anonymous.map((row) => ({
      id: row.id,
      name: row.name,
      village: row.village,
      amount: parseBigint(row.amount),
    })),
  }
}
