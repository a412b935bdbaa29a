import ExcelJS from 'exceljs'
import { parse as parseCsv } from 'csv-parse/sync'

/** Limits on an uploaded list: the file, its rows, and what its zip may expand to. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024
export const MAX_ROWS = 20_000
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

export type CellValue = string | number | Date | null

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
      | 'encrypted',
    public params: Record<string, string | number> = {}
  ) {
    super(code)
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

/**
 * The rows of the first sheet of an .xlsx or .csv file, told apart by content, not by
 * name. Refuses (SpreadsheetFileError) an empty, oversized, binary, legacy .xls,
 * password-protected or broken file, a zip that would expand past 200 MB, and more than
 * 20,000 rows.
 */
export async function readSpreadsheet(content: Buffer): Promise<CellValue[][]> {
  if (content.length === 0) throw new SpreadsheetFileError('empty')
  if (content.length > MAX_FILE_BYTES) {
    throw new SpreadsheetFileError('too_large', { limit: '10 MB' })
  }
  if (content.subarray(0, 8).equals(OLE_MAGIC)) {
    // Legacy .xls, and also Office files protected by a password (an OLE container).
    throw new SpreadsheetFileError('old_xls')
  }
  const rows = content.subarray(0, 4).equals(ZIP_MAGIC) ? await readXlsx(content) : readCsv(content)
  const filled = rows.filter((row) => row.some((cell) => cell !== null && cell !== ''))
  if (filled.length === 0) throw new SpreadsheetFileError('empty')
  if (filled.length > MAX_ROWS + 1) {
    throw new SpreadsheetFileError('too_many_rows', { limit: MAX_ROWS.toLocaleString('vi-VN') })
  }
  return rows
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

async function readXlsx(content: Buffer): Promise<CellValue[][]> {
  if (unzippedSize(content) > MAX_UNZIPPED_BYTES) {
    throw new SpreadsheetFileError('too_large', { limit: '10 MB' })
  }
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(content as any)
  } catch {
    throw new SpreadsheetFileError('broken')
  }
  const sheet = workbook.worksheets.find((ws) => ws.state !== 'hidden' && ws.rowCount > 0)
  if (!sheet) throw new SpreadsheetFileError('empty')
  if (sheet.actualRowCount > MAX_ROWS + 1) {
    throw new SpreadsheetFileError('too_many_rows', { limit: MAX_ROWS.toLocaleString('vi-VN') })
  }
  const rows: CellValue[][] = []
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: CellValue[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = plainValue(cell.value)
    })
    rows[rowNumber - 1] = Array.from(cells, (c) => c ?? null)
  })
  return Array.from(rows, (r) => r ?? [])
}

/** exceljs' rich text, formulas, hyperlinks and errors reduced to what the cell shows. */
function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) {
    return typeof value === 'string' ? value.trim() : value
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim()
    if ('result' in value) return plainValue((value.result ?? null) as ExcelJS.CellValue)
    if ('text' in value && typeof value.text === 'string') return value.text.trim()
    if ('error' in value) return null
  }
  return null
}

function decodeText(content: Buffer): string {
  if (content.includes(0)) throw new SpreadsheetFileError('not_spreadsheet')
  let bytes = content
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // Older Vietnamese Excel saves CSV in the Windows code page.
    return new TextDecoder('windows-1258').decode(bytes)
  }
}

function readCsv(content: Buffer): CellValue[][] {
  const text = decodeText(content)
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'))
  const delimiter = [';', '\t', ','].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best
  )
  try {
    const records: string[][] = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
      bom: true,
      to: MAX_ROWS + 50,
    })
    if (records.length >= MAX_ROWS + 50) {
      throw new SpreadsheetFileError('too_many_rows', { limit: MAX_ROWS.toLocaleString('vi-VN') })
    }
    return records.map((record) => record.map((cell) => (cell === '' ? null : cell)))
  } catch (error) {
    if (error instanceof SpreadsheetFileError) throw error
    throw new SpreadsheetFileError('not_spreadsheet')
  }
}
