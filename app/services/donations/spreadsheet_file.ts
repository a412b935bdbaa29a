import ExcelJS from 'exceljs'
import { parse as parseCsv } from 'csv-parse/sync'

/** Limits on an uploaded list: the file, its rows, and what its zip may expand to. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024
export const MAX_ROWS = 20_000
/** Rows a sheet may hold besides the donations: titles, thôn headings, totals, signatures. */
const MAX_SHEET_ROWS = MAX_ROWS + 1_000
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

/** A cell showing an Excel error (#DIV/0!, #N/A, #VALUE!…): named, never read as empty. */
export class CellError {
  constructor(public code: string) {}
  toString() {
    return this.code
  }
}

/**
 * A cell covered by a merge. `down` is a merge within one column (a value that applies to
 * the rows below, e.g. a thôn or a date written once); across columns (a title) it is not.
 */
export class MergedCell {
  constructor(
    public value: string | number | Date | CellError | null,
    public down: boolean
  ) {}
}

export type CellValue = string | number | Date | CellError | MergedCell | null

export interface Sheet {
  name: string
  rows: CellValue[][]
  /** 1-based numbers of rows hidden in Excel. */
  hiddenRows: number[]
}

/** Why a file was refused as a whole; `code` is the i18n key under `donation_import.file.`. */
export class SpreadsheetFileError extends Error {
  constructor(
    public code:
      | 'empty'
      | 'too_large'
      | 'too_many_rows'
      | 'not_spreadsheet'
      | 'old_xls'
      | 'broken'
      | 'encrypted'
      | 'ods'
      | 'csv_broken'
      | 'no_sheet',
    public params: Record<string, string | number> = {}
  ) {
    super(code)
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

/**
 * The visible sheets of an .xlsx file, or the one sheet of a .csv / tab-separated text,
 * told apart by content, not by name. Refuses (SpreadsheetFileError) an empty, oversized,
 * binary, legacy .xls, password-protected, .ods or broken file, a zip that would expand past
 * 200 MB, and a sheet of more than 20,000 rows.
 */
export async function readWorkbook(content: Buffer): Promise<Sheet[]> {
  if (content.length === 0) throw new SpreadsheetFileError('empty')
  if (content.length > MAX_FILE_BYTES) {
    throw new SpreadsheetFileError('too_large', { limit: '10 MB' })
  }
  if (content.subarray(0, 8).equals(OLE_MAGIC)) {
    // Legacy .xls, and also Office files protected by a password (an OLE container).
    throw new SpreadsheetFileError('old_xls')
  }
  const isZip = content.subarray(0, 4).equals(ZIP_MAGIC)
  if (isZip && content.subarray(30, 100).toString('latin1').includes('opendocument')) {
    throw new SpreadsheetFileError('ods')
  }
  const sheets = isZip
    ? await readXlsx(content)
    : [{ name: 'CSV', rows: readCsv(content), hiddenRows: [] }]
  const filled = sheets.filter((sheet) => sheet.rows.some(rowHasContent))
  if (filled.length === 0) throw new SpreadsheetFileError('empty')
  for (const sheet of filled) {
    if (sheet.rows.filter(rowHasContent).length > MAX_SHEET_ROWS) {
      throw new SpreadsheetFileError('too_many_rows', { limit: MAX_ROWS.toLocaleString('vi-VN') })
    }
  }
  return filled
}

/** The rows of the first visible sheet (the camera register's import). */
export async function readSpreadsheet(content: Buffer): Promise<CellValue[][]> {
  return (await readWorkbook(content))[0].rows
}

/**
 * What a cell shows, as text: a date cell as yyyy-mm-dd, an error as its code (#DIV/0!),
 * a cell merged down a column as the merge's value, one merged across columns as nothing.
 */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  if (value instanceof MergedCell) return value.down ? cellText(value.value) : ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).trim()
}

export function rowHasContent(row: CellValue[] | undefined) {
  return (row ?? []).some((cell) => cell !== null && cell !== '' && !(cell instanceof MergedCell))
}

/**
 * Sum of the uncompressed sizes in a zip's central directory, read without inflating
 * anything: a small file that would expand to gigabytes is refused before exceljs sees it.
 */
function unzippedSize(content: Buffer): number {
  const minEnd = Math.max(0, content.length - 65_557)
  let end = -1
  for (let i = content.length - 22; i >= minEnd; i--) {
    if (content.readUInt32LE(i) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) throw new SpreadsheetFileError('broken')
  const entries = content.readUInt16LE(end + 10)
  let offset = content.readUInt32LE(end + 16)
  let total = 0
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > content.length || content.readUInt32LE(offset) !== 0x02014b50) {
      throw new SpreadsheetFileError('broken')
    }
    total += content.readUInt32LE(offset + 24)
    offset +=
      46 +
      content.readUInt16LE(offset + 28) +
      content.readUInt16LE(offset + 30) +
      content.readUInt16LE(offset + 32)
  }
  return total
}

async function readXlsx(content: Buffer): Promise<Sheet[]> {
  if (unzippedSize(content) > MAX_UNZIPPED_BYTES) {
    throw new SpreadsheetFileError('too_large', { limit: '10 MB' })
  }
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(content as any)
  } catch {
    throw new SpreadsheetFileError('broken')
  }
  const sheets: Sheet[] = []
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'visible' && sheet.state !== undefined) continue
    if (sheet.actualRowCount > MAX_SHEET_ROWS) {
      throw new SpreadsheetFileError('too_many_rows', { limit: MAX_ROWS.toLocaleString('vi-VN') })
    }
    const rows: CellValue[][] = []
    const hiddenRows: number[] = []
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      if (row.hidden) hiddenRows.push(rowNumber)
      const cells: CellValue[] = []
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const master = cell.isMerged ? cell.master : cell
        cells[col - 1] =
          master === cell
            ? plainValue(cell.value)
            : new MergedCell(plainValue(master.value) as any, master.col === cell.col)
      })
      rows[rowNumber - 1] = Array.from(cells, (c) => c ?? null)
    })
    sheets.push({ name: sheet.name, rows: Array.from(rows, (r) => r ?? []), hiddenRows })
  }
  return sheets
}

/** exceljs' rich text, formulas, hyperlinks and errors reduced to what the cell shows. */
function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) {
    return typeof value === 'string' ? value.normalize('NFC').trim() : value
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim()
    if ('error' in value) return new CellError(String(value.error))
    if ('result' in value) return plainValue((value.result ?? null) as ExcelJS.CellValue)
    if ('text' in value && typeof value.text === 'string') return value.text.trim()
  }
  return null
}

/**
 * Text as Excel and LibreOffice save it: a BOM names UTF-8 or UTF-16 ("Unicode Text");
 * UTF-16 without one shows as every other byte zero; otherwise UTF-8 if it is valid, else
 * Windows-1258, the Vietnamese Windows code page older Excel saves CSV in. Decoded by
 * Node's ICU (TextDecoder), which knows all four.
 */
export function decodeText(content: Buffer): { text: string; encoding: string } {
  const decode = (encoding: string, bytes: Buffer) => ({
    text: new TextDecoder(encoding, { fatal: encoding === 'utf-8' }).decode(bytes),
    encoding,
  })
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) {
    return decode('utf-8', content.subarray(3))
  }
  if (content[0] === 0xff && content[1] === 0xfe) return decode('utf-16le', content.subarray(2))
  if (content[0] === 0xfe && content[1] === 0xff) return decode('utf-16be', content.subarray(2))
  const sample = content.subarray(0, 4096)
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) i % 2 ? oddZeros++ : evenZeros++
  }
  if (oddZeros > sample.length / 4 && evenZeros === 0) return decode('utf-16le', content)
  if (evenZeros > sample.length / 4 && oddZeros === 0) return decode('utf-16be', content)
  if (evenZeros + oddZeros > 0) throw new SpreadsheetFileError('not_spreadsheet')
  try {
    return decode('utf-8', content)
  } catch {
    return decode('windows-1258', content)
  }
}

/**
 * The delimiter that splits most lines into the same number of fields: `;` for Excel in
 * Vietnamese settings (where `,` is the decimal mark and appears inside amounts), `,`, or a
 * tab. Title lines above the header (no delimiter at all) do not vote.
 */
export function detectDelimiter(lines: string[]): string {
  let best = ','
  let bestScore = 0
  for (const delimiter of [',', ';', '\t']) {
    const counts = new Map<number, number>()
    for (const line of lines) {
      const n = line.split(delimiter).length - 1
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1)
    }
    const score = Math.max(0, ...counts.values())
    if (score > bestScore) {
      bestScore = score
      best = delimiter
    }
  }
  return best
}

function readCsv(content: Buffer): CellValue[][] {
  // Excel writes CRLF, a file edited elsewhere may add LF or CR rows: one kind of line end.
  const text = decodeText(content).text.replace(/\r\n?/g, '\n')
  const delimiter = detectDelimiter(text.split('\n', 30))
  try {
    const records: string[][] = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
      to: MAX_SHEET_ROWS + 1,
    })
    if (records.length > MAX_SHEET_ROWS) {
      throw new SpreadsheetFileError('too_many_rows', { limit: MAX_ROWS.toLocaleString('vi-VN') })
    }
    // Windows-1258 writes many letters as a base and a combining mark: compose them.
    return records.map((record) =>
      record.map((cell) => (cell === '' ? null : cell.normalize('NFC')))
    )
  } catch (error) {
    if (error instanceof SpreadsheetFileError) throw error
    const line = (error as { lines?: number }).lines
    throw new SpreadsheetFileError('csv_broken', { line: line ?? '?' })
  }
}
