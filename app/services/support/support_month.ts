import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** Camera states in which a hosting household is owed its support for the month. */
const HOSTING_STATUSES = ['active', 'faulty', 'under_repair']

/** A month as the run names it: its first day (ISO) and "11/2026" for people. */
export interface SupportMonth {
  first: string
  last: string
  label: string
  key: string
}

/** Reads "2026-11" (the form's month field); null when it is not a month. */
export function parseSupportMonth(value: string | undefined | null): SupportMonth | null {
  const match = /^(\d{4})-(\d{2})$/.exec(value ?? '')
  if (!match) return null
  const first = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: 1 })
  if (!first.isValid || first.year < 2000 || first.year > 2100) return null
  return {
    first: first.toISODate()!,
    last: first.endOf('month').toISODate()!,
    label: first.toFormat('MM/yyyy'),
    key: first.toFormat('yyyy-MM'),
  }
}

/** One household in a month's run: what it is owed and whether it is already in a run. */
export interface SupportLine {
  householdId: number
  headName: string
  address: string | null
  cameras: string
  amount: number
  paymentId: number | null
  expenseId: number | null
  expenseStatus: string | null
}

/**
 * Who is owed support for the month: households with a monthly support that host a camera
 * in service (installed by the month's end), each with the live (not voided) payment row
 * that already covers the month, if any.
 */
export async function supportLines(
  month: SupportMonth,
  trx?: TransactionClientContract
): Promise<SupportLine[]> {
  const client = trx ?? db
  const rows = await client
    .from('households as h')
    .join('cameras as c', 'c.household_id', 'h.id')
    .leftJoin('support_payments as p', (join) =>
      join.on('p.household_id', 'h.id').andOnVal('p.month', month.first).andOnNull('p.voided_at')
    )
    .leftJoin('expenses as e', 'e.id', 'p.expense_id')
    .where('h.monthly_support', '>', 0)
    .whereIn('c.status', HOSTING_STATUSES)
    .where((q) => q.whereNull('c.installed_on').orWhere('c.installed_on', '<=', month.last))
    .groupBy('h.id', 'p.id', 'e.id')
    .orderBy('h.head_name')
    .orderBy('h.id')
    .select(
      'h.id',
      'h.head_name',
      'h.address',
      'h.monthly_support',
      'p.id as payment_id',
      'p.amount as paid_amount',
      'e.id as expense_id',
      'e.status as expense_status'
    )
    .select(db.raw(`string_agg(c.code, ', ' order by c.code) as cameras`))
  return rows.map((r) => ({
    householdId: r.id,
    headName: r.head_name,
    address: r.address,
    cameras: r.cameras,
    amount: Number(r.payment_id ? r.paid_amount : r.monthly_support),
    paymentId: r.payment_id ? Number(r.payment_id) : null,
    expenseId: r.expense_id ? Number(r.expense_id) : null,
    expenseStatus: r.expense_status ?? null,
  }))
}

/** The runs made so far, newest month first: households, total and the expense's state. */
export async function supportRuns() {
  const rows = await db
    .from('support_payments as p')
    .join('expenses as e', 'e.id', 'p.expense_id')
    .whereNull('p.voided_at')
    .groupBy('p.month', 'e.id')
    .orderBy('p.month', 'desc')
    .orderBy('e.id', 'desc')
    .select(db.raw(`to_char(p.month, 'YYYY-MM') as month_key`), 'e.id as expense_id', 'e.status')
    .select(db.raw('count(*)::int as households'), db.raw('sum(p.amount)::bigint as total'))
  return rows.map((r) => ({
    month: r.month_key as string,
    label: parseSupportMonth(r.month_key)!.label,
    expenseId: Number(r.expense_id),
    status: r.status as string,
    households: r.households as number,
    total: Number(r.total),
  }))
}
