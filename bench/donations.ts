import os from 'node:os'
import ExcelJS from 'exceljs'
import type { Logger } from '@adonisjs/core/logger'
import User from '#models/user'
import Donation from '#models/donation'
import { readSpreadsheet, MAX_ROWS } from '#services/donations/spreadsheet_file'
import { parseDonationList } from '#services/donations/donation_list_parser'
import { confirmImport, previewImport } from '#actions/donation_imports/import_donation_list'
import { exportDonations } from '#services/donations/donation_exports'
import { ledgerRows } from '#services/donations/donation_queries'
import { systemActor } from '#services/audit'
import Fund from '#models/fund'
import { measure, table, type Measurement } from '#bench/support'

const VILLAGES = ['An Đại 1', 'Năng Tây 3', 'Chợ Tre', 'Đường 628', 'Quốc lộ 1A']

/** A treasurer's list of `rows` donors, each a different person, as .xlsx and .csv. */
async function makeList(rows: number) {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Danh sách')
  sheet.addRow(['STT', 'Họ tên', 'Thôn', 'Số tiền', 'Ngày', 'Hình thức'])
  const csv = ['STT,Họ tên,Thôn,Số tiền,Ngày,Hình thức']
  for (let i = 1; i <= rows; i++) {
    const amount = (1 + (i % 50)) * 100_000
    const day = `${String(1 + (i % 28)).padStart(2, '0')}/03/2026`
    const name = `Người ủng hộ số ${i}`
    const village = VILLAGES[i % VILLAGES.length]
    sheet.addRow([i, name, village, amount, day, i % 3 ? 'Tiền mặt' : 'Chuyển khoản'])
    csv.push(
      `${i},${name},${village},"${amount.toLocaleString('vi-VN')}",${day},${i % 3 ? 'Tiền mặt' : 'Chuyển khoản'}`
    )
  }
  return { xlsx: Buffer.from(await book.xlsx.writeBuffer()), csv: Buffer.from(csv.join('\n')) }
}

/**
 * The treasurer's largest allowed import (20,000 rows): parse, preview, confirm in one
 * transaction, then export the ledger. Time and memory per step.
 */
export default async function run(logger: Logger) {
  const rows: Measurement[] = []
  const { xlsx, csv } = await makeList(MAX_ROWS)
  logger.info(
    `list of ${MAX_ROWS} rows: xlsx ${(xlsx.length / 1024).toFixed(0)} KiB, csv ${(csv.length / 1024).toFixed(0)} KiB`
  )

  for (const [label, content] of [
    ['xlsx', xlsx],
    ['csv', csv],
  ] as const) {
    const { result, measurement } = await measure(`parse ${MAX_ROWS} rows (${label})`, async () =>
      parseDonationList(await readSpreadsheet(content))
    )
    if (result.validCount !== MAX_ROWS) throw new Error(`parsed ${result.validCount}`)
    rows.push(measurement)
  }

  const treasurer = await User.create({
    fullName: 'Thủ quỹ (bench)',
    email: 'bench@localhost',
    password: 'mat-khau-bench-123',
    role: 'treasurer',
    passwordChangeRequired: false,
  })
  const actor = { ...systemActor('bench'), id: treasurer.id }

  const preview = await measure(`preview ${MAX_ROWS} rows (xlsx, donors looked up in bulk)`, () =>
    previewImport(xlsx, 'bench.xlsx')
  )
  rows.push(preview.measurement)

  const fund = await Fund.default()
  const confirm = await measure(`confirm: ${MAX_ROWS} donors + donations in one transaction`, () =>
    confirmImport({
      actor,
      token: preview.result.token,
      filename: 'bench.xlsx',
      fundId: fund.id,
      expectedCount: preview.result.parsed.validCount,
      expectedTotal: preview.result.parsed.validTotal,
    })
  )
  rows.push(confirm.measurement)
  const count = await Donation.query().count('* as n').first()
  if (Number(count!.$extras.n) !== MAX_ROWS) throw new Error('not all rows imported')

  const t = (key: string) => key
  const all = await measure(`load ${MAX_ROWS} ledger entries for export`, () => ledgerRows({}))
  rows.push(all.measurement)
  rows.push((await measure('export .xlsx', () => exportDonations.xlsx(all.result, t))).measurement)
  rows.push(
    (await measure('export .csv', async () => exportDonations.csv(all.result, t))).measurement
  )

  console.log(
    `\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}, ${new Date().toISOString()}\n`
  )
  console.log(table(rows))
}
