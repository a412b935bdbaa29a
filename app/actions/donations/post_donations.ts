import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DonationMethod } from '#models/donation'

/** One donation to post to the ledger. */
export interface LedgerLine {
  donorId: number
  amount: number
  /** `yyyy-mm-dd` */
  receivedOn: string
  method: DonationMethod
  inKindDescription?: string | null
  note?: string | null
}

export function formatReceiptNo(year: number, n: number) {
  return `PT-${year}-${String(n).padStart(4, '0')}`
}

/**
 * Takes `count` consecutive receipt numbers of a year inside the caller's transaction and
 * returns the first. The row lock on the year's counter serialises concurrent entries until
 * commit, and a rollback gives the numbers back: unique and gapless per year.
 */
export async function reserveReceiptNumbers(
  trx: TransactionClientContract,
  year: number,
  count: number
): Promise<number> {
  const result = await trx.rawQuery(
    `insert into receipt_sequences (year, last_number) values (?, ?)
     on conflict (year) do update set last_number = receipt_sequences.last_number + excluded.last_number
     returning last_number`,
    [year, count]
  )
  return Number(result.rows[0].last_number) - count + 1
}

const CHUNK = 1000

/**
 * Posts many donations at once (a closed batch, a confirmed import): receipt numbers are
 * reserved per year in line order, rows go in with multi-row inserts. Returns, in line
 * order, each new row's id and receipt number. Run inside the caller's transaction.
 */
export async function postDonations(
  trx: TransactionClientContract,
  params: { enteredBy: number; fundId: number; batchId: number | null; lines: LedgerLine[] }
) {
  const perYear = new Map<number, number>()
  for (const line of params.lines) {
    const year = Number(line.receivedOn.slice(0, 4))
    perYear.set(year, (perYear.get(year) ?? 0) + 1)
  }
  const nextOf = new Map<number, number>()
  for (const [year, count] of [...perYear.entries()].sort((a, b) => a[0] - b[0])) {
    nextOf.set(year, await reserveReceiptNumbers(trx, year, count))
  }
  const rows = params.lines.map((line) => {
    const year = Number(line.receivedOn.slice(0, 4))
    const n = nextOf.get(year)!
    nextOf.set(year, n + 1)
    return {
      kind: 'donation',
      receipt_no: formatReceiptNo(year, n),
      donor_id: line.donorId,
      fund_id: params.fundId,
      amount: line.amount,
      received_on: line.receivedOn,
      method: line.method,
      in_kind_description: line.inKindDescription ?? null,
      note: line.note ?? null,
      entered_by: params.enteredBy,
      batch_id: params.batchId,
    }
  })
  const idByReceipt = new Map<string, number>()
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await trx
      .insertQuery()
      .table('donations')
      .multiInsert(rows.slice(i, i + CHUNK))
      .returning(['id', 'receipt_no'])
    for (const row of inserted) idByReceipt.set(row.receipt_no, row.id)
  }
  return rows.map((row) => ({ id: idByReceipt.get(row.receipt_no)!, receiptNo: row.receipt_no }))
}
