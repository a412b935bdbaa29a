import ExcelJS from 'exceljs'
import type { LedgerRow } from '#services/donations/donation_queries'
import { formatDate } from '#services/dates'
import { toCsv } from '#services/csv'

type Translate = (key: string, data?: Record<string, any>) => string
type Cell = string | number | null

export interface DonorRow {
  id: number
  name: string
  kind: string
  village: string | null
  address: string | null
  phone: string | null
  anonymousPublic: boolean
  isSample: boolean
  note: string | null
  total: number
  count: number
}

interface Table {
  sheetName: string
  headers: string[]
  rows: Cell[][]
  /** 0-based columns holding money (numeric cells, thousands format, summed). */
  moneyColumns: number[]
  totalLabel: string
}

function donationTable(donations: LedgerRow[], t: Translate): Table {
  const status = (d: LedgerRow) => {
    if (d.kind === 'reversal') {
      return t('donations.export.reversal_of', { receipt: d.reversesReceipt ?? '' })
    }
    if (d.reversedBecause) return t('donations.export.reversed', { reason: d.reversedBecause })
    return ''
  }
  return {
    sheetName: t('donations.export.sheet'),
    headers: [
      t('donations.receipt_no'),
      t('donations.received_on'),
      t('donations.donor'),
      t('donors.kind'),
      t('donors.village'),
      t('donations.amount_dong'),
      t('donations.method'),
      t('donations.fund'),
      t('donations.note'),
      t('donations.export.status'),
      t('donations.entered_by'),
    ],
    rows: donations.map((d) => [
      d.receiptNo ?? '',
      formatDate(d.receivedOn),
      d.donorName + (d.donorIsSample ? ` (${t('donors.sample')})` : ''),
      t(`donors.kinds.${d.donorKind}`),
      d.donorVillage,
      d.amount,
      t(`donations.methods.${d.method}`),
      d.fundName,
      [d.inKindDescription, d.note, d.reason].filter(Boolean).join(' · '),
      status(d),
      d.enteredByName ?? '',
    ]),
    moneyColumns: [5],
    totalLabel: t('donations.export.total'),
  }
}

function donorTable(donors: DonorRow[], t: Translate): Table {
  return {
    sheetName: t('donors.export.sheet'),
    headers: [
      t('donors.code'),
      t('donors.name'),
      t('donors.kind'),
      t('donors.village'),
      t('donors.address'),
      t('donors.phone'),
      t('donors.anonymous_public'),
      t('donors.donation_count'),
      t('donors.total_dong'),
      t('donors.note'),
    ],
    rows: donors.map((d) => [
      d.id,
      d.name + (d.isSample ? ` (${t('donors.sample')})` : ''),
      t(`donors.kinds.${d.kind}`),
      d.village,
      d.address,
      d.phone,
      d.anonymousPublic ? t('app.yes') : '',
      d.count,
      d.total,
      d.note,
    ]),
    moneyColumns: [8],
    totalLabel: t('donations.export.total'),
  }
}

function totalsRow(table: Table): Cell[] {
  const row: Cell[] = table.headers.map(() => null)
  row[0] = table.totalLabel
  for (const col of table.moneyColumns) {
    row[col] = table.rows.reduce((sum, r) => sum + Number(r[col] ?? 0), 0)
  }
  return row
}

async function toWorkbook(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'camera-an-ninh'
  const sheet = workbook.addWorksheet(table.sheetName.slice(0, 31))
  sheet.addRow(table.headers).font = { bold: true }
  for (const row of table.rows) sheet.addRow(row)
  const first = 2
  const last = table.rows.length + 1
  const total = sheet.addRow(totalsRow(table))
  total.font = { bold: true }
  for (const col of table.moneyColumns) {
    // A live formula (the sheet stays right if the treasurer edits it) with its result.
    const letter = sheet.getColumn(col + 1).letter
    total.getCell(col + 1).value = {
      formula: `SUM(${letter}${first}:${letter}${Math.max(first, last)})`,
      result: totalsRow(table)[col] as number,
    }
    sheet.getColumn(col + 1).numFmt = '#,##0'
  }
  sheet.columns.forEach((column, index) => {
    const longest = Math.max(
      String(table.headers[index] ?? '').length,
      ...table.rows.slice(0, 500).map((r) => String(r[index] ?? '').length)
    )
    column.width = Math.min(50, Math.max(10, longest + 2))
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

function toCsvText(table: Table): string {
  return toCsv([table.headers, ...table.rows, totalsRow(table)])
}

export const exportDonations = {
  xlsx: (donations: LedgerRow[], t: Translate) => toWorkbook(donationTable(donations, t)),
  csv: (donations: LedgerRow[], t: Translate) => toCsvText(donationTable(donations, t)),
}

export const exportDonors = {
  xlsx: (donors: DonorRow[], t: Translate) => toWorkbook(donorTable(donors, t)),
  csv: (donors: DonorRow[], t: Translate) => toCsvText(donorTable(donors, t)),
}
