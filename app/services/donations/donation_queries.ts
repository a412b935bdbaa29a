import db from '@adonisjs/lucid/services/db'
import Donation from '#models/donation'
import type { DonationMethod } from '#models/donation'
import { normalizeName } from '#services/text_match'

export interface DonationFilters {
  from?: string | null
  to?: string | null
  donorId?: number | null
  fundId?: number | null
  batchId?: number | null
  method?: DonationMethod | null
  q?: string | null
}

/**
 * Ledger entries matching the filters, newest first, with donor, fund, who entered
 * them and the reversal of each (for striking it through). One query for the list
 * page, the API and the exports.
 */
export function donationsQuery(filters: DonationFilters) {
  const query = Donation.query()
    .preload('donor')
    .preload('fund')
    .preload('enteredByUser')
    .preload('reversal')
    .preload('reverses')
  applyFilters(query, filters)
  return query.orderBy('received_on', 'desc').orderBy('id', 'desc')
}

function applyFilters(query: any, filters: DonationFilters) {
  if (filters.from) query.where('donations.received_on', '>=', filters.from)
  if (filters.to) query.where('donations.received_on', '<=', filters.to)
  if (filters.donorId) query.where('donations.donor_id', filters.donorId)
  if (filters.fundId) query.where('donations.fund_id', filters.fundId)
  if (filters.batchId) query.where('donations.batch_id', filters.batchId)
  if (filters.method) query.where('donations.method', filters.method)
  if (filters.q) {
    const q = filters.q.trim()
    query.where((sub: any) => {
      sub
        .whereIn('donations.donor_id', (donors: any) =>
          donors
            .from('donors')
            .select('id')
            .where('name_normalized', 'like', `%${normalizeName(q).replace(/[%_]/g, '')}%`)
        )
        .orWhere('donations.receipt_no', q.toUpperCase())
    })
  }
}

/** Net total (donations minus reversals) and the number of entries matching the filters. */
export async function donationTotals(filters: DonationFilters) {
  const query = db.from('donations')
  applyFilters(query, filters)
  const row = await query
    .select(
      db.raw('coalesce(sum(amount), 0)::bigint as net'),
      db.raw(`count(*) filter (where kind = 'donation') as donations`),
      db.raw(`count(*) filter (where kind = 'reversal') as reversals`)
    )
    .first()
  return {
    net: Number(row.net),
    donations: Number(row.donations),
    reversals: Number(row.reversals),
  }
}

/** Raised per fund: gross donations, reversals and net. */
export async function fundSummary() {
  const rows = await db
    .from('funds')
    .leftJoin('donations', 'donations.fund_id', 'funds.id')
    .groupBy('funds.id')
    .orderBy('funds.is_default', 'desc')
    .orderBy('funds.id')
    .select(
      'funds.id',
      'funds.code',
      'funds.name',
      'funds.is_default',
      db.raw(
        `coalesce(sum(donations.amount) filter (where donations.kind = 'donation'), 0)::bigint as gross`
      ),
      db.raw(
        `coalesce(sum(donations.amount) filter (where donations.kind = 'reversal'), 0)::bigint as reversed`
      ),
      db.raw('coalesce(sum(donations.amount), 0)::bigint as net'),
      db.raw(
        `count(donations.id) filter (where donations.kind = 'donation' and not exists (select 1 from donations r where r.reverses_id = donations.id)) as donation_count`
      )
    )
  return rows.map((r) => ({
    id: r.id as number,
    code: r.code as string,
    name: r.name as string,
    isDefault: r.is_default as boolean,
    gross: Number(r.gross),
    reversed: Number(r.reversed),
    net: Number(r.net),
    donationCount: Number(r.donation_count),
  }))
}

/**
 * The public honour roll: each donor's net total (donors whose gifts were all reversed
 * are left out), largest first. Anonymous donors keep their amount but not their name.
 * With a fund, only what was given to that fund (a campaign's donors).
 */
export async function honourRoll(fundId?: number) {
  const query = db.from('donations').join('donors', 'donors.id', 'donations.donor_id')
  if (fundId !== undefined) query.where('donations.fund_id', fundId)
  const rows = await query
    .groupBy('donors.id')
    .havingRaw('sum(donations.amount) > 0')
    .orderByRaw('sum(donations.amount) desc, donors.id')
    .select(
      'donors.id',
      'donors.name',
      'donors.kind',
      'donors.village',
      'donors.anonymous_public',
      'donors.is_sample',
      db.raw('sum(donations.amount)::bigint as total')
    )
  return rows.map((r) => ({
    anonymous: r.anonymous_public as boolean,
    name: r.anonymous_public ? null : (r.name as string),
    kind: r.kind as string,
    village: r.anonymous_public ? null : (r.village as string | null),
    isSample: r.is_sample as boolean,
    total: Number(r.total),
  }))
}

/** Donors with their net total and number of standing donations, by name. */
export async function donorsWithTotals(filters: { q?: string | null } = {}) {
  const query = db
    .from('donors')
    .leftJoin('donations', 'donations.donor_id', 'donors.id')
    .groupBy('donors.id')
    .orderBy('donors.name_normalized')
    .orderBy('donors.id')
    .select(
      'donors.*',
      db.raw('coalesce(sum(donations.amount), 0)::bigint as total'),
      db.raw(
        `count(donations.id) filter (where donations.kind = 'donation') - count(donations.id) filter (where donations.kind = 'reversal') as count`
      )
    )
  if (filters.q) {
    const q = filters.q.trim()
    query.where((sub) => {
      sub
        .where('donors.name_normalized', 'like', `%${normalizeName(q).replace(/[%_]/g, '')}%`)
        .orWhere('donors.phone', q.replace(/\D+/g, '') || '-')
    })
  }
  const rows = await query
  return rows.map((r) => ({
    id: r.id as number,
    name: r.name as string,
    kind: r.kind as string,
    village: r.village as string | null,
    address: r.address as string | null,
    phone: r.phone as string | null,
    anonymousPublic: r.anonymous_public as boolean,
    isSample: r.is_sample as boolean,
    note: r.note as string | null,
    total: Number(r.total),
    count: Number(r.count),
  }))
}

/** One ledger entry flattened for an export (one SQL query, no model hydration). */
export interface LedgerRow {
  id: number
  kind: 'donation' | 'reversal'
  receiptNo: string | null
  receivedOn: string
  donorName: string
  donorKind: string
  donorVillage: string | null
  donorIsSample: boolean
  amount: number
  method: string
  fundName: string
  inKindDescription: string | null
  note: string | null
  reason: string | null
  /** Reason of the reversal that cancelled this donation. */
  reversedBecause: string | null
  /** Receipt number of the donation this reversal cancels. */
  reversesReceipt: string | null
  enteredByName: string | null
}

/** Every entry matching the filters, in ledger order, for the .xlsx/.csv exports. */
export async function ledgerRows(filters: DonationFilters): Promise<LedgerRow[]> {
  const query = db
    .from('donations')
    .join('donors', 'donors.id', 'donations.donor_id')
    .join('funds', 'funds.id', 'donations.fund_id')
    .leftJoin('users', 'users.id', 'donations.entered_by')
    .leftJoin('donations as reversal', 'reversal.reverses_id', 'donations.id')
    .leftJoin('donations as original', 'original.id', 'donations.reverses_id')
    .select(
      'donations.id',
      'donations.kind',
      'donations.receipt_no',
      'donations.received_on',
      'donations.amount',
      'donations.method',
      'donations.in_kind_description',
      'donations.note',
      'donations.reason',
      'donors.name as donor_name',
      'donors.kind as donor_kind',
      'donors.village as donor_village',
      'donors.is_sample as donor_is_sample',
      'funds.name as fund_name',
      'users.full_name as entered_by_name',
      'reversal.reason as reversed_because',
      'original.receipt_no as reverses_receipt'
    )
    .orderBy('donations.received_on', 'asc')
    .orderBy('donations.id', 'asc')
  applyFilters(query, filters)
  const rows = await query
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    receiptNo: r.receipt_no,
    receivedOn: r.received_on,
    donorName: r.donor_name,
    donorKind: r.donor_kind,
    donorVillage: r.donor_village,
    donorIsSample: r.donor_is_sample,
    amount: Number(r.amount),
    method: r.method,
    fundName: r.fund_name,
    inKindDescription: r.in_kind_description,
    note: r.note,
    reason: r.reason,
    reversedBecause: r.reversed_because,
    reversesReceipt: r.reverses_receipt,
    enteredByName: r.entered_by_name,
  }))
}
