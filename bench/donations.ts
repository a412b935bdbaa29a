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

const AMOUNT_FORMS = [
  (n: number) => n,
  (n: number) => n.toLocaleString('vi-VN'),
  (n: number) => n.toLocaleString('vi-VN').replace(/\./g, ' '),
  (n: number) => `${n.toLocaleString('vi-VN')},00`,
  (n: number) => (n % 1_000_000 === 0 ? `${n / 1_000_000}tr` : `${n / 1000} nghìn`),
]
const DATE_FORMS = [
  (d: number) => `${d}/03/2026`,
  (d: number) => `${d}-3-2026`,
  (d: number) => `${String(d).padStart(2, '0')}.03.2026`,
  (d: number) => `${d}/3/26`,
  (d: number) => `ngày ${d} tháng 3 năm 2026`,
]

/**
 * A treasurer's list of `rows` donors, each a different person, kept the way commune
 * offices keep them: title rows, STT, a heading per thôn, amounts and dates typed every
 * way, notes naming the method or asking anonymity, a totals row and signatures; as .xlsx
 * and as the semicolon CSV Excel writes in Vietnamese settings.
 */
async function makeList(rows: number) {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Danh sách')
  const header = ['STT', 'Họ và tên', 'Thôn/xóm', 'Số tiền (đồng)', 'Ngày nộp', 'Ghi chú']
  sheet.addRow(['ỦY BAN MTTQ VIỆT NAM XÃ NGHĨA PHƯƠNG'])
  sheet.addRow(['DANH SÁCH ỦNG HỘ CAMERA AN NINH'])
  sheet.addRow(header)
  const csv = ['DANH SÁCH ỦNG HỘ CAMERA AN NINH', header.join(';')]
  let total = 0
  for (let i = 1; i <= rows; i++) {
    const village = VILLAGES[Math.floor((i - 1) / 200) % VILLAGES.length]
    if ((i - 1) % 200 === 0) {
      sheet.addRow([`Thôn ${village}`])
      csv.push(`Thôn ${village};;;;;`)
    }
    const amount = (1 + (i % 50)) * 100_000
    total += amount
    const typed = AMOUNT_FORMS[i % AMOUNT_FORMS.length](amount)
    const day = DATE_FORMS[i % DATE_FORMS.length](1 + (i % 28))
    const note = i % 3 === 0 ? 'Chuyển khoản' : i % 97 === 0 ? 'Đề nghị không công khai tên' : ''
    const name = `Người ủng hộ số ${i}`
    sheet.addRow([i, name, village, typed, day, note])
    csv.push(
      `${i};${name};${village};${typeof typed === 'number' ? typed : `"${typed}"`};${day};${note}`
    )
  }
  sheet.addRow(['', 'Tổng cộng', '', total, '', ''])
  sheet.addRow(['', 'Người lập biểu', '', '', 'Trưởng ban'])
  csv.push(`;Tổng cộng;;${total};;`, ';Người lập biểu;;;Trưởng ban;')
  return {
    xlsx: Buffer.from(await book.xlsx.writeBuffer()),
    csv: Buffer.from('\ufeff' + csv.join('\r\n')),
  }
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
    if (result.validCount !== MAX_ROWS || result.totalMismatch) {
      throw new Error(`parsed ${result.validCount}, totals ${JSON.stringify(result.totalMismatch)}`)
    }
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
