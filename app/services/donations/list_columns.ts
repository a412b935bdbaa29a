import { createHash } from 'node:crypto'
import { normalizeName } from '#services/text_match'
import { cellText, type CellValue } from '#services/donations/spreadsheet_file'

/**
 * The columns a treasurer's list may have, by the headers people write (Vietnamese or
 * English), compared as normalised text: no case, no diacritics, no punctuation, and no
 * unit in brackets ("Số tiền (đồng)" is "so tien").
 */
export const HEADER_ALIASES = {
  name: [
    'ho ten',
    'ho va ten',
    'ten',
    'ten nguoi ung ho',
    'nguoi ung ho',
    'ho ten nguoi ung ho',
    'ho va ten nguoi ung ho',
    'ho ten don vi',
    'ten don vi',
    'don vi',
    'don vi ca nhan',
    'ten to chuc ca nhan',
    'to chuc ca nhan',
    'ca nhan to chuc',
    'ten ca nhan to chuc',
    'nha hao tam',
    'name',
    'full name',
    'donor',
    'donor name',
  ],
  amount: [
    'so tien',
    'so tien ung ho',
    'so tien nop',
    'tien',
    'tien ung ho',
    'thanh tien',
    'so tien vnd',
    'amount',
  ],
  date: [
    'ngay',
    'ngay nop',
    'ngay ung ho',
    'ngay nhan',
    'ngay thang',
    'ngay thang nam',
    'ngay chuyen',
    'date',
    'received on',
    'received',
  ],
  method: ['hinh thuc', 'hinh thuc nop', 'phuong thuc', 'method', 'payment method'],
  kind: ['loai', 'doi tuong', 'kind', 'type', 'donor type'],
  phone: ['sdt', 'so dien thoai', 'dien thoai', 'dt', 'phone', 'phone number'],
  village: ['thon', 'thon xom', 'xom', 'ap', 'thon ap', 'village'],
  address: ['dia chi', 'address'],
  note: ['ghi chu', 'note', 'notes'],
} as const

export type ListColumn = keyof typeof HEADER_ALIASES
export const LIST_COLUMNS = Object.keys(HEADER_ALIASES) as ListColumn[]
export const REQUIRED_COLUMNS: ListColumn[] = ['name', 'amount', 'date']
/** A numbering column ("STT"): recognised so a row holding only its number is blank. */
const NUMBER_HEADERS = ['stt', 'so tt', 'tt', 'no', 'so thu tu']

export type ColumnMap = Partial<Record<ListColumn, number>>

/** A header as compared: "Số tiền (đồng)" → "so tien"; "Thôn/xóm" → "thon xom". */
export function normalizeHeader(value: CellValue): string {
  return normalizeName(cellText(value).replace(/\([^)]*\)|\[[^\]]*\]/g, ' '))
}

export interface HeaderGuess {
  /** 0-based index of the header row in the sheet, null when none was found. */
  headerRow: number | null
  columns: ColumnMap
  /** Column of the "STT" numbering, if any. */
  numberColumn: number | null
  /** Required fields no column fits. */
  missing: ListColumn[]
  /** Fields two or more columns fit equally well (the treasurer must say which). */
  ambiguous: ListColumn[]
  /** The header row's cells as written, for the mapping form. */
  headers: string[]
  /** The same headers normalised and hashed: a file "with the same headers". */
  signature: string | null
}

/** The fields a header fits: exactly one of the aliases, else one that starts with an alias. */
function fits(label: string): { field: ListColumn; exact: boolean }[] {
  const found: { field: ListColumn; exact: boolean }[] = []
  for (const field of LIST_COLUMNS) {
    const aliases: readonly string[] = HEADER_ALIASES[field]
    if (aliases.includes(label)) found.push({ field, exact: true })
    else if (aliases.some((a) => a.length > 3 && label.startsWith(a + ' '))) {
      found.push({ field, exact: false })
    }
  }
  const exact = found.filter((f) => f.exact)
  return exact.length ? exact : found
}

function guessRow(cells: CellValue[]) {
  const candidates = new Map<ListColumn, { index: number; exact: boolean }[]>()
  let numberColumn: number | null = null
  cells.forEach((cell, index) => {
    const label = normalizeHeader(cell)
    if (!label) return
    if (NUMBER_HEADERS.includes(label) && numberColumn === null) {
      numberColumn = index
      return
    }
    for (const { field, exact } of fits(label)) {
      const list = candidates.get(field) ?? []
      list.push({ index, exact })
      candidates.set(field, list)
    }
  })
  const columns: ColumnMap = {}
  const ambiguous: ListColumn[] = []
  for (const [field, list] of candidates) {
    const exact = list.filter((c) => c.exact)
    const best = exact.length ? exact : list
    if (best.length === 1) columns[field] = best[0].index
    else ambiguous.push(field)
  }
  // One column answers one field: the first field (in LIST_COLUMNS order) keeps it.
  const taken = new Set<number>()
  for (const field of LIST_COLUMNS) {
    const index = columns[field]
    if (index === undefined) continue
    if (taken.has(index)) delete columns[field]
    else taken.add(index)
  }
  return { columns, ambiguous, numberColumn }
}

export function signatureOf(headers: string[]): string {
  return createHash('sha256')
    .update(headers.map((h) => normalizeName(h)).join('|'))
    .digest('hex')
}

/**
 * The header row: within the first 20 rows (so a title, the commune's name and a date
 * above it are fine), the row that names the most of the required columns.
 */
export function guessHeader(rows: CellValue[][]): HeaderGuess {
  let best: (ReturnType<typeof guessRow> & { row: number; score: number }) | null = null
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    const guess = guessRow(rows[i] ?? [])
    const score =
      REQUIRED_COLUMNS.filter((f) => guess.columns[f] !== undefined || guess.ambiguous.includes(f))
        .length *
        10 +
      Object.keys(guess.columns).length
    if (score >= 20 && (!best || score > best.score)) best = { ...guess, row: i, score }
  }
  if (!best) {
    // No row names two required columns: offer the row with the most text (most likely
    // the header) for the treasurer to map.
    let widest = -1
    let widestCount = 1
    for (let i = 0; i < Math.min(rows.length, 20); i++) {
      const count = (rows[i] ?? []).filter((c) => /[^\d\s.,]/.test(cellText(c))).length
      if (count > widestCount) {
        widest = i
        widestCount = count
      }
    }
    if (widest < 0) {
      return {
        headerRow: null,
        columns: {},
        numberColumn: null,
        missing: [...REQUIRED_COLUMNS],
        ambiguous: [],
        headers: [],
        signature: null,
      }
    }
    best = { ...guessRow(rows[widest] ?? []), row: widest, score: 0 }
  }
  const headers = (rows[best.row] ?? []).map((cell) => cellText(cell))
  return {
    headerRow: best.row,
    columns: best.columns,
    numberColumn: best.numberColumn,
    missing: REQUIRED_COLUMNS.filter(
      (f) => best.columns[f] === undefined && !best.ambiguous.includes(f)
    ),
    ambiguous: best.ambiguous,
    headers,
    signature: signatureOf(headers),
  }
}

/**
 * The treasurer's choice of columns (from the mapping form or remembered for these
 * headers): a valid map uses each column once, within the header row, and names every
 * required field. Anything else is ignored (null).
 */
export function checkedMap(map: unknown, width: number): ColumnMap | null {
  if (!map || typeof map !== 'object') return null
  const result: ColumnMap = {}
  const used = new Set<number>()
  for (const field of LIST_COLUMNS) {
    const raw = (map as Record<string, unknown>)[field]
    if (raw === undefined || raw === null || raw === '') continue
    const index = Number(raw)
    if (!Number.isInteger(index) || index < 0 || index >= width || used.has(index)) return null
    used.add(index)
    result[field] = index
  }
  return REQUIRED_COLUMNS.every((f) => result[f] !== undefined) ? result : null
}
