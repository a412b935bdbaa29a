import type { DonationMethod } from '#models/donation'
import type { DonorKind } from '#models/donor'
import { normalizeName } from '#services/text_match'
import { todayIso } from '#services/dates'
import { parseAmount, parseDay } from '#services/donations/import_values'
import {
  CellError,
  MergedCell,
  cellText,
  rowHasContent,
  type CellValue,
} from '#services/donations/spreadsheet_file'
import {
  checkedMap,
  guessHeader,
  type ColumnMap,
  type HeaderGuess,
  type ListColumn,
} from '#services/donations/list_columns'
import {
  METHOD_WORDS,
  asksAnonymity,
  isTotalLabel,
  kindFrom,
  looksLikeFormula,
  looksLikeMarkup,
  methodInNote,
} from '#services/donations/list_words'

export type { ListColumn } from '#services/donations/list_columns'

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
  /** The row asks not to be named in public (its note or its name says so). */
  anonymous: boolean
  errors: LineMessage[]
  warnings: LineMessage[]
}

/** Why a row is not a donation (an i18n key under `aside.`), in the order the preview lists them. */
export const SET_ASIDE_REASONS = ['total', 'subtotal', 'below_total', 'heading', 'blank'] as const

/** Rows that are not donations, set aside with the reason. */
export interface AsideRow {
  rowNumber: number
  reason: (typeof SET_ASIDE_REASONS)[number]
  text: string
}

export interface ParsedList {
  /** Which spreadsheet column (0-based) each field was read from. */
  columns: ColumnMap
  /** What was recognised in the header row (for the mapping form). */
  header: HeaderGuess
  /** 1-based, null when no header row was found. */
  headerRow: number | null
  /** The columns come from the treasurer's mapping, not from the headers. */
  mapped: boolean
  /** Required fields without a column, or fitted by two: the treasurer must map them. */
  missingColumns: ListColumn[]
  ambiguousColumns: ListColumn[]
  lines: ParsedLine[]
  aside: AsideRow[]
  /** The amount on the totals row and the sum of the rows read, when they differ. */
  totalMismatch: { written: number; read: number } | null
  validCount: number
  validTotal: number
  errorCount: number
  anonymousCount: number
}

export interface ParseOptions {
  /** The treasurer's column map (from the form, or remembered for these headers). */
  columns?: unknown
  /** 1-based rows hidden in Excel: read, but flagged. */
  hiddenRows?: number[]
}

/**
 * Reads a treasurer's list as commune offices keep it: title rows above the header, an
 * "STT" column, blank and heading rows, subtotals, a "Tổng cộng" row and the signatures
 * under it. Rows that are not donations are set aside with the reason; the donations get
 * their errors and warnings. Money is never invented: an amount below the totals row or in
 * a cell merged over several rows is an error, not a guess.
 */
export function parseDonationList(rows: CellValue[][], options: ParseOptions = {}): ParsedList {
  const header = guessHeader(rows)
  const width = Math.max(header.headers.length, ...rows.slice(0, 30).map((r) => r.length))
  const chosen = checkedMap(options.columns, width)
  const columns = chosen ?? header.columns
  const result: ParsedList = {
    columns,
    header,
    headerRow: header.headerRow === null ? null : header.headerRow + 1,
    mapped: chosen !== null,
    missingColumns: chosen ? [] : header.missing,
    ambiguousColumns: chosen ? [] : header.ambiguous,
    lines: [],
    aside: [],
    totalMismatch: null,
    validCount: 0,
    validTotal: 0,
    errorCount: 0,
    anonymousCount: 0,
  }
  if (result.missingColumns.length || result.ambiguousColumns.length) return result

  const first = (header.headerRow ?? -1) + 1
  const hidden = new Set(options.hiddenRows ?? [])
  const labelOf = (cells: CellValue[]) =>
    cells.map((c) => cellText(c)).find((t) => t !== '' && !/^\d+$/.test(t)) ?? ''
  // The grand total is the last totals row; the ones before it are subtotals.
  let grandTotal = -1
  for (let i = first; i < rows.length; i++) {
    if (isTotalLabel(labelOf(rows[i] ?? []))) grandTotal = i
  }

  const seen = new Map<string, number>()
  let readSum = 0
  for (let i = first; i < rows.length; i++) {
    const cells = rows[i] ?? []
    const rowNumber = i + 1
    const cell = (field: ListColumn): CellValue => {
      const index = columns[field]
      return index === undefined ? null : (cells[index] ?? null)
    }
    // What the row says itself: not merged in from above, not just its STT number.
    const own = cells.filter(
      (c, index) =>
        cellText(c) !== '' &&
        !(c instanceof MergedCell) &&
        !(index === header.numberColumn && /^\d+\.?$/.test(cellText(c)))
    )
    const label = labelOf(cells).slice(0, 80)
    if (!rowHasContent(cells) || own.length === 0) {
      result.aside.push({ rowNumber, reason: 'blank', text: '' })
      continue
    }
    if (i === grandTotal || isTotalLabel(label)) {
      result.aside.push({ rowNumber, reason: i === grandTotal ? 'total' : 'subtotal', text: label })
      if (i === grandTotal) {
        const written = parseAmount(plain(cell('amount')))
        if (written !== null) result.totalMismatch = { written, read: -1 }
      }
      continue
    }
    const amountText = cellText(cell('amount'))
    if (grandTotal >= 0 && i > grandTotal && parseAmount(plain(cell('amount'))) === null) {
      // Signatures, "Người lập biểu", the date of signing.
      result.aside.push({ rowNumber, reason: 'below_total', text: label })
      continue
    }
    if (own.length === 1 && amountText === '' && cellText(cell('date')) === '') {
      // "Thôn An Đại 1" over its donors: a heading, no money.
      result.aside.push({ rowNumber, reason: 'heading', text: label })
      continue
    }
    const line = parseLine(rowNumber, cell)
    if (grandTotal >= 0 && i > grandTotal) line.errors.push({ key: 'line.below_total' })
    if (hidden.has(rowNumber)) line.warnings.push({ key: 'line.hidden_row' })
    const key = `${normalizeName(line.name)}|${line.amount}|${line.receivedOn}`
    if (line.errors.length === 0 && seen.has(key)) {
      line.warnings.push({ key: 'line.same_as_row', params: { row: seen.get(key)! } })
    } else {
      seen.set(key, line.rowNumber)
    }
    result.lines.push(line)
    if (line.amount !== null) readSum += line.amount
    if (line.errors.length > 0) {
      result.errorCount++
    } else {
      result.validCount++
      result.validTotal += line.amount!
      if (line.anonymous) result.anonymousCount++
    }
  }
  if (result.totalMismatch) {
    result.totalMismatch =
      result.totalMismatch.written === readSum
        ? null
        : { written: result.totalMismatch.written, read: readSum }
  }
  return result
}

/** The value to parse: a merge's own value only where the merge runs down the column. */
function plain(value: CellValue): unknown {
  if (value instanceof MergedCell) return value.down ? value.value : null
  return value
}

function parseLine(rowNumber: number, cell: (f: ListColumn) => CellValue): ParsedLine {
  const errors: LineMessage[] = []
  const warnings: LineMessage[] = []
  const text = (field: ListColumn) => cellText(cell(field))
  const excelError = (field: ListColumn) => {
    const value = plain(cell(field))
    if (!(value instanceof CellError)) return false
    errors.push({ key: 'line.excel_error', params: { column: field, value: value.code } })
    return true
  }

  const name = text('name').replace(/\s+/g, ' ')
  if (!excelError('name')) {
    if (!name) errors.push({ key: 'line.name_missing' })
    else if (name.length > 200) errors.push({ key: 'line.name_too_long' })
    else if (looksLikeFormula(name)) warnings.push({ key: 'line.name_formula' })
    else if (looksLikeMarkup(name)) warnings.push({ key: 'line.name_markup' })
  }

  const rawAmount = cell('amount')
  let amount: number | null = null
  if (rawAmount instanceof MergedCell && rawAmount.down) {
    // One amount written over several rows: whose is it? Never counted twice.
    errors.push({ key: 'line.amount_merged', params: { value: cellText(rawAmount) } })
  } else if (!excelError('amount')) {
    amount = parseAmount(plain(rawAmount))
    if (text('amount') === '') errors.push({ key: 'line.amount_missing' })
    else if (amount === null) {
      errors.push({ key: 'line.amount_invalid', params: { value: text('amount') } })
    }
  }

  let receivedOn: string | null = null
  if (!excelError('date')) {
    receivedOn = parseDay(plain(cell('date')))
    if (text('date') === '') errors.push({ key: 'line.date_missing' })
    else if (receivedOn === null) {
      errors.push({ key: 'line.date_invalid', params: { value: text('date') } })
    } else if (receivedOn > todayIso()) {
      errors.push({ key: 'line.date_future', params: { value: text('date') } })
    }
  }

  const note = text('note').slice(0, 2000) || null
  const methodText = normalizeName(text('method'))
  let method: DonationMethod = 'cash'
  if (methodText) {
    const found = METHOD_WORDS[methodText]
    if (found) method = found
    else errors.push({ key: 'line.method_invalid', params: { value: text('method') } })
  } else {
    const fromNote = methodInNote(note)
    if (fromNote) {
      method = fromNote
      warnings.push({ key: 'line.method_from_note', params: { method: fromNote } })
    }
  }

  const kindFound = kindFrom(text('kind'))
  if (kindFound === 'unknown') {
    errors.push({ key: 'line.kind_invalid', params: { value: text('kind') } })
  }
  const kind: DonorKind = kindFound === 'organisation' ? 'organisation' : 'individual'

  const inKindDescription = method === 'in_kind' ? (note?.slice(0, 300) ?? null) : null
  if (method === 'in_kind' && !inKindDescription) errors.push({ key: 'line.in_kind_needs_note' })

  const phone = text('phone').slice(0, 30) || null
  if (phone && !/^[+\d][\d .\-()]{5,}$/.test(phone)) {
    errors.push({ key: 'line.phone_invalid', params: { value: phone } })
  }
  const anonymous = asksAnonymity(name, note)
  if (anonymous) warnings.push({ key: 'line.anonymous' })

  return {
    rowNumber,
    name,
    kind,
    amount,
    receivedOn,
    method,
    phone,
    village: text('village').slice(0, 120) || null,
    address: text('address').slice(0, 300) || null,
    note,
    inKindDescription,
    anonymous,
    errors,
    warnings,
  }
}
