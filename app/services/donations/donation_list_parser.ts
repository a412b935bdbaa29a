import type { DonationMethod } from '#models/donation'
import type { DonorKind } from '#models/donor'
import { normalizeName } from '#services/text_match'
import { todayIso } from '#services/dates'
import { parseAmount, parseDay } from '#services/donations/import_values'
import type { CellValue } from '#services/donations/spreadsheet_file'

/** The columns a treasurer's list may have, by their header in Vietnamese or English. */
const HEADER_ALIASES = {
  name: [
    'ho ten',
    'ho va ten',
    'ten',
    'ten nguoi ung ho',
    'nguoi ung ho',
    'ho ten don vi',
    'ten don vi',
    'don vi ca nhan',
    'nha hao tam',
    'name',
    'full name',
    'donor',
    'donor name',
  ],
  amount: [
    'so tien',
    'so tien dong',
    'so tien d',
    'so tien vnd',
    'so tien ung ho',
    'tien',
    'thanh tien',
    'amount',
    'amount vnd',
    'amount dong',
  ],
  date: ['ngay', 'ngay ung ho', 'ngay nhan', 'ngay thang', 'date', 'received on', 'received'],
  method: ['hinh thuc', 'phuong thuc', 'method', 'payment method'],
  kind: ['loai', 'doi tuong', 'kind', 'type', 'donor type'],
  phone: ['sdt', 'so dien thoai', 'dien thoai', 'phone', 'phone number'],
  village: ['thon', 'thon xom', 'xom', 'ap', 'village'],
  address: ['dia chi', 'address'],
  note: ['ghi chu', 'note', 'notes'],
} as const

export type ListColumn = keyof typeof HEADER_ALIASES
const REQUIRED: ListColumn[] = ['name', 'amount', 'date']

const METHOD_WORDS: Record<string, DonationMethod> = {
  'tien mat': 'cash',
  'tm': 'cash',
  'cash': 'cash',
  'chuyen khoan': 'bank_transfer',
  'ck': 'bank_transfer',
  'ngan hang': 'bank_transfer',
  'bank transfer': 'bank_transfer',
  'transfer': 'bank_transfer',
  'bank': 'bank_transfer',
  'hien vat': 'in_kind',
  'in kind': 'in_kind',
}

const ORGANISATION_WORDS = [
  'to chuc',
  'don vi',
  'co quan',
  'doanh nghiep',
  'cong ty',
  'organisation',
  'organization',
  'org',
  'business',
]
const INDIVIDUAL_WORDS = ['ca nhan', 'ho gia dinh', 'individual', 'person', 'household']
const TOTAL_WORDS = ['tong', 'tong cong', 'cong', 'tong so', 'total', 'grand total', 'sum']

/** A message for the treasurer: an i18n key under `donation_import.` and its values. */
export interface LineMessage {
  key: string
  params?: Record<string, string | number>
}

export interface ParsedLine {
  /** Row number as the spreadsheet shows it (1-based). */
  rowNumber: number
  name: string
  kind: DonorKind
  amount: number | null
  receivedOn: string | null
  method: DonationMethod
  phone: string | null
  village: string | null
  address: string | null
  note: string | null
  inKindDescription: string | null
  errors: LineMessage[]
  warnings: LineMessage[]
}

export interface ParsedList {
  /** Which spreadsheet column (0-based) each field was read from. */
  columns: Partial<Record<ListColumn, number>>
  headerRow: number | null
  missingColumns: ListColumn[]
  lines: ParsedLine[]
  /** Rows that say "Tổng cộng" and were not read as donations. */
  totalRows: number[]
  validCount: number
  validTotal: number
  errorCount: number
}

function text(value: CellValue): string {
  if (value === null) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).trim()
}

function matchHeader(cells: CellValue[]) {
  const columns: Partial<Record<ListColumn, number>> = {}
  cells.forEach((cell, index) => {
    const label = normalizeName(text(cell))
    if (!label) return
    for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [
      ListColumn,
      readonly string[],
    ][]) {
      if (columns[field] === undefined && aliases.includes(label)) {
        columns[field] = index
        return
      }
    }
  })
  return columns
}

/**
 * Reads a treasurer's list: finds the header row (within the first 15 rows, so a title
 * above it is fine), then parses every following row into a line with its errors. A
 * blank row is skipped; a "Tổng cộng" row is set aside, not read as a donation.
 */
export function parseDonationList(rows: CellValue[][]): ParsedList {
  let headerRow: number | null = null
  let columns: Partial<Record<ListColumn, number>> = {}
  let bestMatched = 0
  for (let i = 0; i < Math.min(rows.length, 15); i++) {
    const found = matchHeader(rows[i])
    const matched = REQUIRED.filter((field) => found[field] !== undefined).length
    if (matched > bestMatched) {
      bestMatched = matched
      columns = found
      headerRow = i
    }
    if (matched === REQUIRED.length) break
  }
  const missingColumns = REQUIRED.filter((field) => columns[field] === undefined)
  const result: ParsedList = {
    columns,
    headerRow: headerRow === null ? null : headerRow + 1,
    missingColumns,
    lines: [],
    totalRows: [],
    validCount: 0,
    validTotal: 0,
    errorCount: 0,
  }
  if (headerRow === null || missingColumns.length > 0) return result

  const seen = new Map<string, number>()
  for (let i = headerRow + 1; i < rows.length; i++) {
    const cells = rows[i] ?? []
    const cell = (field: ListColumn) => {
      const index = columns[field]
      return index === undefined ? null : (cells[index] ?? null)
    }
    if (!cells.some((value) => text(value) !== '')) continue
    const name = text(cell('name')).replace(/\s+/g, ' ')
    if (
      TOTAL_WORDS.includes(normalizeName(name)) ||
      (!name && TOTAL_WORDS.some((w) => cells.some((c) => normalizeName(text(c)) === w)))
    ) {
      result.totalRows.push(i + 1)
      continue
    }
    const line = parseLine(i + 1, name, cell)
    const key = `${normalizeName(line.name)}|${line.amount}|${line.receivedOn}`
    if (line.errors.length === 0 && seen.has(key)) {
      line.warnings.push({ key: 'line.same_as_row', params: { row: seen.get(key)! } })
    } else {
      seen.set(key, line.rowNumber)
    }
    result.lines.push(line)
    if (line.errors.length > 0) {
      result.errorCount++
    } else {
      result.validCount++
      result.validTotal += line.amount!
    }
  }
  return result
}

function parseLine(
  rowNumber: number,
  name: string,
  cell: (f: ListColumn) => CellValue
): ParsedLine {
  const errors: LineMessage[] = []
  if (!name) errors.push({ key: 'line.name_missing' })
  else if (name.length > 200) errors.push({ key: 'line.name_too_long' })

  const rawAmount = cell('amount')
  const amount = parseAmount(typeof rawAmount === 'number' ? rawAmount : text(rawAmount))
  if (text(rawAmount) === '') errors.push({ key: 'line.amount_missing' })
  else if (amount === null)
    errors.push({ key: 'line.amount_invalid', params: { value: text(rawAmount) } })

  const rawDate = cell('date')
  const receivedOn = parseDay(rawDate)
  if (text(rawDate) === '') errors.push({ key: 'line.date_missing' })
  else if (receivedOn === null)
    errors.push({ key: 'line.date_invalid', params: { value: text(rawDate) } })
  else if (receivedOn > todayIso()) {
    errors.push({ key: 'line.date_future', params: { value: text(rawDate) } })
  }

  const methodText = normalizeName(text(cell('method')))
  let method: DonationMethod = 'cash'
  if (methodText) {
    const found = METHOD_WORDS[methodText]
    if (found) method = found
    else errors.push({ key: 'line.method_invalid', params: { value: text(cell('method')) } })
  }

  const kindText = normalizeName(text(cell('kind')))
  let kind: DonorKind = 'individual'
  if (ORGANISATION_WORDS.includes(kindText)) kind = 'organisation'
  else if (kindText && !INDIVIDUAL_WORDS.includes(kindText)) {
    errors.push({ key: 'line.kind_invalid', params: { value: text(cell('kind')) } })
  }

  const note = text(cell('note')).slice(0, 2000) || null
  const inKindDescription = method === 'in_kind' ? (note?.slice(0, 300) ?? null) : null
  if (method === 'in_kind' && !inKindDescription) errors.push({ key: 'line.in_kind_needs_note' })

  const phone = text(cell('phone')).slice(0, 30) || null
  if (phone && !/^[+\d][\d .\-()]{5,}$/.test(phone)) {
    errors.push({ key: 'line.phone_invalid', params: { value: phone } })
  }

  return {
    rowNumber,
    name,
    kind,
    amount,
    receivedOn,
    method,
    phone,
    village: text(cell('village')).slice(0, 120) || null,
    address: text(cell('address')).slice(0, 300) || null,
    note,
    inKindDescription,
    errors,
    warnings: [],
  }
}
