import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'

/*
 * What every sheet of the committee's workbook is written with: a frozen bold header,
 * widths and number formats, rows committed as they are written, SUM rows with cached
 * values.
 */

export type Translate = (key: string, data?: Record<string, any>) => string

export interface Column {
  header: string
  width: number
  style?: 'money' | 'percent' | 'number' | 'date'
}

const FORMATS = { money: '#,##0', percent: '0%', number: '#,##0', date: 'dd/mm/yyyy' }
/** Rows are read in pages of this many: memory stays flat however long the lists grow. */
export const PAGE = 5000

/** A sheet with a bold, frozen header row, widths and number formats per column. */
export function addSheet(
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: Column[]
) {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width,
    style: c.style ? { numFmt: FORMATS[c.style] } : {},
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  let rows = 1
  return {
    add(values: unknown[], bold = false) {
      const row = sheet.addRow(values)
      if (bold) row.font = { bold: true }
      row.commit()
      rows++
    },
    /** A SUM row under the data for the given 0-based columns, with its value cached. */
    total(label: string, sums: Record<number, number>, width: number) {
      const values: unknown[] = Array.from({ length: width }, () => null)
      values[0] = label
      for (const [col, result] of Object.entries(sums)) {
        const letter = String.fromCharCode(65 + Number(col))
        values[Number(col)] = rows > 1 ? { formula: `SUM(${letter}2:${letter}${rows})`, result } : 0
      }
      this.add(values, true)
    },
    commit: () => sheet.commit(),
  }
}

/** A `yyyy-mm-dd` day as a date cell (Excel dates have no zone). */
export const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toJSDate()

export type Book = ExcelJS.stream.xlsx.WorkbookWriter
