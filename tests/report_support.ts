import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import { readFile } from 'node:fs/promises'
import type User from '#models/user'
import { reportPath } from '#actions/reports/generate_committee_report'
import { sheetRows } from '#tests/helpers'

/**
 * The committee's workbook for a period, downloaded as `user` through the page's route and
 * read back from the report history: the book, its history row, and a sheet's rows.
 */
export async function committeeWorkbook(
  client: any,
  user: User,
  period: { from: string; to: string }
) {
  const response = await client.get('/reports/committee.xlsx').qs(period).loginAs(user)
  response.assertStatus(200)
  const history = await db.from('report_history').orderBy('id', 'desc').firstOrFail()
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await readFile(reportPath(history.file_name))) as any)
  return {
    response,
    history,
    book,
    rows: (sheet: string) => sheetRows(book.getWorksheet(sheet)!),
  }
}
