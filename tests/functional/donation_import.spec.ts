import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import { countRows, makeDonor, makeUser } from '#tests/helpers'
import { readSpreadsheet } from '#services/donations/spreadsheet_file'
import { parseDonationList } from '#services/donations/donation_list_parser'
import { uploadList } from '#tests/donation_lists'

/** The treasurer's list as Excel keeps it: a title, a header row, then the donors. */
async function workbook(
  rows: unknown[][],
  header = ['STT', 'Họ tên', 'Thôn', 'Số tiền', 'Ngày', 'Hình thức', 'Ghi chú']
) {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Danh sách')
  sheet.addRow(['DANH SÁCH ỦNG HỘ CAMERA AN NINH'])
  sheet.addRow([])
  sheet.addRow(header)
  rows.forEach((row) => sheet.addRow(row))
  return Buffer.from(await book.xlsx.writeBuffer())
}

const GOOD_ROWS = [
  [1, 'Nguyễn Văn Bình', 'An Đại 1', 5_000_000, new Date(Date.UTC(2026, 2, 15)), 'Tiền mặt', ''],
  [2, 'Trần Thị Hoa', 'Năng Tây 3', '2.000.000', '16/03/2026', 'Chuyển khoản', ''],
  [3, 'Công ty Minh Phát', '', '1,5 triệu', 46098, 'CK', ''],
  [4, 'Lê Văn Cường', 'Chợ Tre', '500000 đ', '5/4/2026', '', ''],
  [5, 'Hợp tác xã Năng Tây', '', '3.000.000', '20/04/2026', 'Hiện vật', '10 bóng đèn chiếu sáng'],
  [null, 'Tổng cộng', null, 12_000_000, null, null, null],
]

const upload = uploadList

test.group('Import parser', () => {
  test('reads good rows of every format and names the error of each bad row', async ({
    assert,
  }) => {
    const content = await workbook([
      ...GOOD_ROWS.slice(0, 5),
      [6, '', 'An Đại 1', '100.000', '01/03/2026', '', ''],
      [7, 'Thiếu tiền', '', '', '01/03/2026', '', ''],
      [8, 'Tiền sai', '', '5,00,000', '01/03/2026', '', ''],
      [9, 'Ngày sai', '', '100.000', '31/02/2026', '', ''],
      [10, 'Ngày tương lai', '', '100.000', '01/01/2099', '', ''],
      [11, 'Hình thức lạ', '', '100.000', '01/03/2026', 'bitcoin', ''],
      [12, 'Hiện vật trống', '', '100.000', '01/03/2026', 'hiện vật', ''],
      [
        13,
        'Nguyễn Văn Bình',
        'An Đại 1',
        5_000_000,
        new Date(Date.UTC(2026, 2, 15)),
        'Tiền mặt',
        '',
      ],
      GOOD_ROWS[5],
    ])
    const parsed = parseDonationList(await readSpreadsheet(content))
    assert.equal(parsed.headerRow, 3)
    assert.deepEqual(parsed.missingColumns, [])
    const byRow = Object.fromEntries(parsed.lines.map((l) => [l.rowNumber, l]))

    assert.deepInclude(byRow[4], {
      name: 'Nguyễn Văn Bình',
      amount: 5_000_000,
      receivedOn: '2026-03-15',
      method: 'cash',
    })
    assert.deepInclude(byRow[5], {
      amount: 2_000_000,
      receivedOn: '2026-03-16',
      method: 'bank_transfer',
    })
    assert.deepInclude(byRow[6], { amount: 1_500_000, receivedOn: '2026-03-17' })
    assert.deepInclude(byRow[7], { amount: 500_000, receivedOn: '2026-04-05', method: 'cash' })
    assert.deepInclude(byRow[8], { method: 'in_kind', inKindDescription: '10 bóng đèn chiếu sáng' })

    const errorKeys = (row: number) => byRow[row].errors.map((e) => e.key)
    assert.deepEqual(errorKeys(9), ['line.name_missing'])
    assert.deepEqual(errorKeys(10), ['line.amount_missing'])
    assert.deepEqual(errorKeys(11), ['line.amount_invalid'])
    assert.deepEqual(errorKeys(12), ['line.date_invalid'])
    assert.deepEqual(errorKeys(13), ['line.date_future'])
    assert.deepEqual(errorKeys(14), ['line.method_invalid'])
    assert.deepEqual(errorKeys(15), ['line.in_kind_needs_note'])
    assert.deepEqual(byRow[16].warnings, [{ key: 'line.same_as_row', params: { row: 4 } }])
    assert.deepEqual(
      parsed.aside.filter((a) => a.reason === 'total').map((a) => a.rowNumber),
      [17],
      'the "Tổng cộng" row is not a donation'
    )
    assert.equal(parsed.validCount, 6)
    assert.equal(parsed.validTotal, 17_000_000)
    assert.equal(parsed.errorCount, 7)
  })

  test('English headers and a semicolon CSV with a BOM', async ({ assert }) => {
    const csv =
      '\ufeffName;Amount;Date;Method\r\n"Do, Van Khanh";"5.000.000";15/03/2026;bank transfer\r\n'
    const parsed = parseDonationList(await readSpreadsheet(Buffer.from(csv)))
    assert.equal(parsed.validCount, 1)
    assert.deepInclude(parsed.lines[0], {
      name: 'Do, Van Khanh',
      amount: 5_000_000,
      method: 'bank_transfer',
    })
  })

  test('a sheet without the needed columns says which are missing', async ({ assert }) => {
    const parsed = parseDonationList(await readSpreadsheet(Buffer.from('Tên,Ghi chú\nA,B\n')))
    assert.deepEqual(parsed.missingColumns, ['amount', 'date'])
  })
})

test.group('Importing a list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a file with errors is previewed row by row and cannot be confirmed; nothing is written', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const before = { donations: await countRows('donations'), donors: await countRows('donors') }
    const content = await workbook([
      GOOD_ROWS[0],
      [2, 'Tiền sai', '', 'năm triệu', '01/03/2026', '', ''],
    ])
    const response = await upload(client, treasurer, content, 'danh-sach.xlsx')
    response.assertStatus(200)
    response.assertTextIncludes('Số tiền &quot;năm triệu&quot; không hợp lệ')
    response.assertTextIncludes('Tệp còn dòng lỗi')
    assert.notInclude(response.text(), 'data-test="import-confirm"')
    assert.equal(await countRows('donations'), before.donations)
    assert.equal(await countRows('donors'), before.donors)
  })

  test('a clean file is written on confirmation, all rows at once, known donors matched; the same file is refused the second time', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const binh = await makeDonor({ name: 'Nguyễn Văn Bình', village: 'An Đại 1' })
    const donorsBefore = await countRows('donors')
    const content = await workbook(GOOD_ROWS)
    const preview = await upload(client, treasurer, content, 'danh-sach.xlsx')
    preview.assertStatus(200)
    preview.assertTextIncludes('Xác nhận nhập 5 khoản, tổng 12.000.000\u00a0đ')
    preview.assertTextIncludes(`Đã có: Nguyễn Văn Bình — An Đại 1 (mã ${binh.id})`)
    assert.equal(await countRows('donation_batches'), 0, 'the preview writes nothing')

    const token = /name="token" value="([0-9a-f]{64})"/.exec(preview.text())![1]
    const confirm = await client
      .post('/donation-imports')
      .loginAs(treasurer)
      .form({ token, filename: 'danh-sach.xlsx', expected_count: '5', expected_total: '12000000' })
      .withCsrfToken()
      .redirects(0)
    const batch = await db.from('donation_batches').where('source', 'import').firstOrFail()
    assert.equal(confirm.header('location'), `/donation-imports/${batch.id}`)
    const result = await client.get(`/donation-imports/${batch.id}`).loginAs(treasurer)
    result.assertStatus(200)
    result.assertTextIncludes('5 · 12.000.000\u00a0đ')
    result.assertTextIncludes('Người ủng hộ mới')
    assert.equal(batch.status, 'closed')
    assert.equal(batch.source_filename, 'danh-sach.xlsx')
    const imported = await db.from('donations').where('batch_id', batch.id)
    assert.lengthOf(imported, 5)
    assert.equal(
      imported.reduce((s, d) => s + d.amount, 0),
      12_000_000
    )
    assert.equal(imported.find((d) => d.amount === 5_000_000).donor_id, binh.id)
    assert.equal(await countRows('donors'), donorsBefore + 4)

    const again = await upload(client, treasurer, content, 'danh-sach (1).xlsx')
    again.assertTextIncludes('Tệp này đã được nhập trước đây')
    const replay = await client
      .post('/donation-imports')
      .loginAs(treasurer)
      .form({ token, filename: 'x.xlsx', expected_count: '5', expected_total: '12000000' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(replay.flashMessage('error'), 'Tệp này đã được nhập trước đây, không nhập lại')
    assert.lengthOf(await db.from('donations').where('batch_id', batch.id), 5)
  })

  test('figures that differ from the preview are refused', async ({ client, assert }) => {
    const treasurer = await makeUser('treasurer')
    const preview = await upload(client, treasurer, await workbook(GOOD_ROWS), 'a.xlsx')
    const token = /name="token" value="([0-9a-f]{64})"/.exec(preview.text())![1]
    const confirm = await client
      .post('/donation-imports')
      .loginAs(treasurer)
      .form({ token, filename: 'a.xlsx', expected_count: '5', expected_total: '99999999' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      confirm.flashMessage('error'),
      'Nội dung tệp khác với lúc kiểm tra; hãy kiểm tra lại'
    )
    assert.equal(await countRows('donation_batches'), 0)
  })

  const badFiles: Array<[string, () => Promise<Buffer> | Buffer, string]> = [
    [
      'a PNG picture',
      () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      'Tệp không phải bảng tính (.xlsx, .csv hoặc văn bản Unicode)',
    ],
    [
      'a broken zip',
      () => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2000, 7)]),
      'Tệp .xlsx bị hỏng, không đọc được',
    ],
    [
      'a truncated workbook',
      async () => (await workbook(GOOD_ROWS)).subarray(0, 3000),
      'Tệp .xlsx bị hỏng, không đọc được',
    ],
    [
      'an old .xls',
      () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]),
      'Tệp .xls cũ hoặc có mật khẩu',
    ],
    ['an empty file', () => Buffer.alloc(0), 'Tệp trống, không có dòng nào'],
    ['over 10 MB', () => Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), 'Tệp quá lớn (tối đa 10 MB)'],
    [
      'over 20,000 rows',
      () => Buffer.from('Họ tên,Số tiền,Ngày\n' + 'A,1000,01/03/2026\n'.repeat(20_001)),
      'Tệp có quá nhiều dòng (tối đa 20.000 dòng)',
    ],
  ]
  for (const [what, make, message] of badFiles) {
    test(`${what} gets a clear message and writes nothing`, async ({ client, assert }) => {
      const treasurer = await makeUser('treasurer')
      const response = await upload(client, treasurer, await make(), 'danh-sach.xlsx')
      response.assertStatus(302)
      assert.include(response.flashMessage('error'), message)
      assert.equal(await countRows('donation_batches'), 0)
    })
  }

  test('an upload over the request limit (25 MB) gets a Vietnamese page, not a crash', async ({
    client,
  }) => {
    const treasurer = await makeUser('treasurer')
    const response = await upload(client, treasurer, Buffer.alloc(26 * 1024 * 1024, 'a'), 'x.csv')
    response.assertStatus(413)
    response.assertTextIncludes('Tệp hoặc dữ liệu gửi lên quá lớn')
  })

  test('only the treasurer may import', async ({ client }) => {
    const committee = await makeUser('committee')
    const response = await upload(client, committee, await workbook(GOOD_ROWS), 'a.xlsx')
    response.assertStatus(403)
  })
})
