import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import { countRows, makeDonor, makeUser } from '#tests/helpers'
import { readWorkbook, SpreadsheetFileError } from '#services/donations/spreadsheet_file'
import { parseDonationList, type ParsedList } from '#services/donations/donation_list_parser'
import { previewImport } from '#actions/donation_imports/import_donation_list'
import { communeList, uploadList } from '#tests/donation_lists'
import { formatMoney } from '#services/money'

/*
 * Issue 19: the lists treasurers actually keep, as Excel and LibreOffice write them. Each
 * file is built with exceljs or as bytes; the preview must read it as the treasurer
 * meant, set aside what is not a donation, and never lose or invent money.
 */

async function parse(content: Buffer, sheet?: number): Promise<ParsedList> {
  const sheets = await readWorkbook(content)
  const chosen = sheets[sheet ?? sheets.length - 1]
  return parseDonationList(chosen.rows, { hiddenRows: chosen.hiddenRows })
}

const row = (parsed: ParsedList, n: number) => parsed.lines.find((l) => l.rowNumber === n)!
const errorKeys = (parsed: ParsedList, n: number) => row(parsed, n).errors.map((e) => e.key)
const warningKeys = (parsed: ParsedList, n: number) => row(parsed, n).warnings.map((e) => e.key)

const upload = uploadList

const tokenOf = (html: string) => /name="token" value="([0-9a-f]{64})"/.exec(html)![1]

test.group('Lists as commune offices keep them', () => {
  test('the commune list reads in one pass: title, STT, heading, totals and signatures set aside, every amount and date form, the right total', async ({
    assert,
  }) => {
    const { content, sum } = await communeList()
    const parsed = await parse(content)
    assert.equal(parsed.headerRow, 4)
    assert.deepEqual(parsed.missingColumns, [])
    assert.equal(parsed.errorCount, 0, JSON.stringify(parsed.lines.filter((l) => l.errors.length)))
    assert.equal(parsed.validCount, 7)
    assert.equal(parsed.validTotal, sum)
    assert.deepEqual(
      parsed.lines.map((l) => [l.amount, l.receivedOn]),
      [
        [5_000_000, '2026-03-15'],
        [5_000_000, '2026-03-15'],
        [5_000_000, '2026-03-15'],
        [5_500_000, '2026-03-15'],
        [1_500_000, '2026-03-16'],
        [2_000_000, '2026-03-15'],
        [1_000_000, '2026-03-17'],
      ]
    )
    const aside = Object.fromEntries(
      ['heading', 'blank', 'total', 'below_total'].map((reason) => [
        reason,
        parsed.aside.filter((a) => a.reason === reason).map((a) => a.rowNumber),
      ])
    )
    assert.deepEqual(aside.heading, [5])
    assert.deepEqual(aside.total, [14])
    assert.includeMembers(aside.blank, [12, 15])
    assert.deepEqual(aside.below_total, [16, 17, 18])
    assert.isNull(parsed.totalMismatch, 'the totals row matches the rows read')

    // What the notes say: a transfer, cash, and a request not to be named.
    assert.equal(row(parsed, 7).method, 'bank_transfer')
    assert.include(warningKeys(parsed, 7), 'line.method_from_note')
    assert.equal(row(parsed, 10).method, 'bank_transfer')
    assert.equal(row(parsed, 11).method, 'cash')
    assert.isTrue(row(parsed, 9).anonymous)
    assert.equal(parsed.anonymousCount, 1)
    assert.equal(row(parsed, 6).phone, '0912 345 678')
  })

  test('a totals row that disagrees with the rows is a warning with both figures', async ({
    assert,
  }) => {
    const { content, sum } = await communeList({ total: 30_000_000 })
    const parsed = await parse(content)
    assert.deepEqual(parsed.totalMismatch, { written: 30_000_000, read: sum })
    assert.equal(parsed.errorCount, 0)
  })

  test('an amount below the totals row is an error, never dropped', async ({ assert }) => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('DS')
    sheet.addRow(['Họ tên', 'Số tiền', 'Ngày'])
    sheet.addRow(['Nguyễn Văn An', 100_000, '01/03/2026'])
    sheet.addRow(['Tổng cộng', 100_000, ''])
    sheet.addRow(['Người nộp muộn', 200_000, '02/03/2026'])
    const parsed = await parse(Buffer.from(await book.xlsx.writeBuffer()))
    assert.deepEqual(errorKeys(parsed, 4), ['line.below_total'])
  })

  test('headers as people write them, matched without case, marks or units', ({ assert }) => {
    for (const [name, amount, date] of [
      ['Họ tên', 'Số tiền', 'Ngày'],
      ['HỌ VÀ TÊN', 'SỐ TIỀN (VNĐ)', 'Ngày ủng hộ'],
      ['Tên tổ chức, cá nhân', 'Số tiền ủng hộ', 'Ngày nhận'],
      ['Đơn vị', 'Thành tiền', 'Ngày nộp'],
      ['Họ và tên người ủng hộ', 'Số tiền (đồng)', 'Ngày tháng'],
    ]) {
      const parsed = parseDonationList([
        [name, amount, date, 'Thôn/xóm', 'SĐT', 'Hình thức', 'Ghi chú'],
        ['Nguyễn Văn An', '100.000', '01/03/2026', 'An Đại', '0912345678', 'TM', ''],
      ])
      assert.deepEqual(parsed.missingColumns, [], name)
      assert.deepEqual(parsed.columns, {
        name: 0,
        amount: 1,
        date: 2,
        village: 3,
        phone: 4,
        method: 5,
        note: 6,
      })
      assert.equal(parsed.validCount, 1)
    }
  })
})

test.group('Files as Excel and LibreOffice write them', () => {
  test('CSV from Excel in Vietnamese settings: semicolons, BOM, a CRLF header and LF rows', async ({
    assert,
  }) => {
    const csv =
      '\ufeffSTT;Họ và tên;Số tiền;Ngày nộp;Ghi chú\r\n' +
      '1;Nguyễn Văn An;5.000.000;15/03/2026;Chuyển khoản\n' +
      '2;"Trần, Thị Bình";1.500.000,00;16/03/2026;\n' +
      ';Tổng cộng;6.500.000;;\n'
    const parsed = await parse(Buffer.from(csv))
    assert.equal(parsed.validCount, 2)
    assert.equal(parsed.validTotal, 6_500_000)
    assert.equal(parsed.lines[1].name, 'Trần, Thị Bình')
    assert.equal(parsed.lines[0].method, 'bank_transfer')
  })

  test('tab-separated UTF-16 ("Unicode Text") and Windows-1258 CSV are decoded', async ({
    assert,
  }) => {
    const text = 'Họ tên\tSố tiền\tNgày\r\nNguyễn Văn Ấn\t200000\t01/03/2026\r\n'
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    assert.equal((await parse(utf16)).lines[0].name, 'Nguyễn Văn Ấn')
    assert.equal((await parse(Buffer.from(text, 'utf16le'))).lines[0].name, 'Nguyễn Văn Ấn')

    // "Lê Văn Tâm" and "Đỗ" (a base letter and a combining tilde) in code page 1258.
    const cp1258 = Buffer.concat([
      Buffer.from('Ho ten,So tien,Ngay\r\n'),
      Buffer.from([0x4c, 0xea, 0x20, 0x56, 0xe3, 0x6e, 0x20, 0x54, 0xe2, 0x6d, 0x20]),
      Buffer.from([0xd0, 0xf4, 0xde]),
      Buffer.from(',100000,01/03/2026\r\n'),
    ])
    assert.equal((await parse(cp1258)).lines[0].name, 'Lê Văn Tâm Đỗ')
  })

  test('a broken CSV says where; .ods and pictures say what they are', async ({ assert }) => {
    const refused = async (content: Buffer) => {
      try {
        await readWorkbook(content)
        return null
      } catch (error) {
        assert.instanceOf(error, SpreadsheetFileError)
        return error as SpreadsheetFileError
      }
    }
    const ods = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
    ])
    assert.equal((await refused(ods))!.code, 'ods')
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])
    assert.equal((await refused(png))!.code, 'not_spreadsheet')
  })

  test('several sheets: the list is found past a cover sheet, and another can be chosen', async ({
    assert,
  }) => {
    const { content } = await communeList()
    const preview = await previewImport(content, 'ds.xlsx')
    assert.deepEqual(preview.sheets, ['Bìa', 'DS ủng hộ'])
    assert.equal(preview.sheet, 1)
    assert.equal(preview.parsed.validCount, 7)
  })

  test('merged and hidden cells: a thôn merged down fills its rows, an amount merged over two rows is an error, a hidden row is flagged', async ({
    assert,
  }) => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('DS')
    sheet.addRow(['Họ tên', 'Thôn', 'Số tiền', 'Ngày'])
    sheet.addRow(['Nguyễn Văn An', 'An Đại 1', 100_000, '01/03/2026'])
    sheet.addRow(['Trần Văn Bình', null, 200_000, '01/03/2026'])
    sheet.mergeCells('B2:B3')
    sheet.addRow(['Vợ chồng ông Cả', 'Chợ Tre', 1_000_000, '02/03/2026'])
    sheet.addRow(['(bà Cả)', 'Chợ Tre', null, '02/03/2026'])
    sheet.mergeCells('C4:C5')
    sheet.addRow(['Dòng ẩn', 'Chợ Tre', 50_000, '03/03/2026'])
    sheet.getRow(6).hidden = true
    const parsed = await parse(Buffer.from(await book.xlsx.writeBuffer()))
    assert.equal(row(parsed, 3).village, 'An Đại 1')
    assert.equal(row(parsed, 4).amount, 1_000_000)
    assert.deepEqual(errorKeys(parsed, 5), ['line.amount_merged'])
    assert.include(warningKeys(parsed, 6), 'line.hidden_row')
  })

  test('an Excel error is named as such; formula-like and markup names are flagged and kept as text', async ({
    assert,
  }) => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('DS')
    sheet.addRow(['Họ tên', 'Số tiền', 'Ngày'])
    sheet.addRow(['Nguyễn Văn An', { formula: '1/0', result: { error: '#DIV/0!' } }, '01/03/2026'])
    sheet.addRow(['=HYPERLINK("http://x.invalid","click")', 100_000, '01/03/2026'])
    sheet.addRow(['<b>Bình</b>', 100_000, '01/03/2026'])
    const parsed = await parse(Buffer.from(await book.xlsx.writeBuffer()))
    assert.deepEqual(row(parsed, 2).errors, [
      { key: 'line.excel_error', params: { column: 'amount', value: '#DIV/0!' } },
    ])
    assert.deepEqual(warningKeys(parsed, 3), ['line.name_formula'])
    assert.equal(row(parsed, 3).name, '=HYPERLINK("http://x.invalid","click")')
    assert.deepEqual(warningKeys(parsed, 4), ['line.name_markup'])
  })
})

test.group('Importing a real list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the commune list imports in one pass; the anonymous donor never appears by name in public; the result page says what was written', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const { content, sum } = await communeList()
    const before = { donations: await countRows('donations'), donors: await countRows('donors') }
    const preview = await upload(client, treasurer, content, 'danh-sach-ung-ho.xlsx')
    preview.assertStatus(200)
    preview.assertTextIncludes('Xin ẩn tên trên trang công khai')
    preview.assertTextIncludes('Tổng các dòng khớp với dòng tổng cộng')
    assert.equal(await countRows('donations'), before.donations, 'the preview writes nothing')
    assert.equal(await countRows('donors'), before.donors)

    const confirm = await client
      .post('/donation-imports')
      .loginAs(treasurer)
      .form({
        'token': tokenOf(preview.text()),
        'filename': 'danh-sach-ung-ho.xlsx',
        'sheet': '1',
        'expected_count': '7',
        'expected_total': String(sum),
        'anonymous_reviewed': '1',
        'anonymous[]': '9',
      })
      .withCsrfToken()
      .redirects(0)
    confirm.assertStatus(302)
    const batch = await db.from('donation_batches').where('source', 'import').firstOrFail()
    const imported = await db.from('donations').where('batch_id', batch.id)
    assert.lengthOf(imported, 7)
    assert.equal(
      imported.reduce((s, d) => s + Number(d.amount), 0),
      sum
    )
    const dung = await db.from('donors').where('name', 'Phạm Thị Dung').firstOrFail()
    assert.isTrue(dung.anonymous_public)

    const result = await client.get(`/donation-imports/${batch.id}`).loginAs(treasurer)
    result.assertTextIncludes('Phạm Thị Dung')
    assert.match(result.text(), /\d{4}-\d+<\/dd>|từ \S+ đến \S+/)

    // "Xem các khoản vừa nhập": the ledger with only this import's entries.
    const entries = await client.get(`/donations?batch_id=${batch.id}`).loginAs(treasurer)
    entries.assertTextIncludes('Chỉ các khoản của: danh-sach-ung-ho.xlsx')
    entries.assertTextIncludes('Đỗ Thị Giang')
    entries.assertTextIncludes(formatMoney(sum))

    // The public page lists this import's donors by name, except the one who asked.
    const publicPage = await client.get('/cong-khai')
    publicPage.assertStatus(200)
    assert.include(publicPage.text(), 'Trần Thị Hoa')
    assert.notInclude(publicPage.text(), 'Phạm Thị Dung')
    assert.notInclude(publicPage.text(), 'Ph***')
  })

  test('a likely duplicate donor is asked about with both thôn and phone, and the answer is kept', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const an = await makeDonor({ name: 'Nguyễn Văn An', village: 'An Đại 1' })
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('DS')
    sheet.addRow(['Họ tên', 'Thôn', 'Số tiền', 'Ngày'])
    sheet.addRow(['Nguyễn Văn An', 'Năng Tây 3', 300_000, '01/03/2026'])
    sheet.addRow(['Nguyễn Văn An', 'An Đại 1', 100_000, '01/03/2026'])
    const content = Buffer.from(await book.xlsx.writeBuffer())
    const preview = await upload(client, treasurer, content, 'ds.xlsx')
    preview.assertTextIncludes(`Cùng người: Nguyễn Văn An — An Đại 1`)
    preview.assertTextIncludes('Người mới (Năng Tây 3')
    assert.match(preview.text(), /<option value="new" selected>/, 'another thôn: new by default')
    const token = tokenOf(preview.text())
    const form = (donor: Record<string, string>) =>
      client
        .post('/donation-imports')
        .loginAs(treasurer)
        .form({ token, filename: 'ds.xlsx', expected_count: '2', expected_total: '400000', donor })
        .withCsrfToken()
        .redirects(0)

    // A donor id that was not offered is refused and nothing is written.
    const donorsBefore = await countRows('donors')
    const refused = await form({ r2: '999999' })
    assert.equal(
      refused.flashMessage('error'),
      'Nội dung tệp khác với lúc kiểm tra; hãy kiểm tra lại'
    )
    assert.equal(await countRows('donation_batches'), 0)
    assert.equal(await countRows('donors'), donorsBefore)

    await form({ r2: String(an.id) })
    const rows = await db.from('donations').orderBy('amount', 'desc').whereNotNull('batch_id')
    assert.deepEqual(
      rows.map((r) => r.donor_id),
      [an.id, an.id],
      'the treasurer said the one from Năng Tây 3 is the same person'
    )
  })

  test('unrecognised headers: the treasurer maps the columns, and the next file with those headers reads at once', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const make = async (who: string) => {
      const book = new ExcelJS.Workbook()
      const sheet = book.addWorksheet('DS')
      sheet.addRow(['Người góp', 'Góp', 'Hôm', 'Ngày ký'])
      sheet.addRow([who, 250_000, '01/03/2026', '05/03/2026'])
      return Buffer.from(await book.xlsx.writeBuffer())
    }
    const preview = await upload(client, treasurer, await make('Lý Văn Mạnh'), 'a.xlsx')
    preview.assertTextIncludes('Không tìm thấy dòng tiêu đề có các cột: Họ tên, Số tiền')
    const token = tokenOf(preview.text())

    const twice = await client
      .get('/donation-imports/preview')
      .loginAs(treasurer)
      .qs({ token, filename: 'a.xlsx', cols: { c0: 'name', c1: 'amount', c2: 'amount' } })
    twice.assertTextIncludes('Mỗi trường chỉ được chọn cho một cột')

    const mapped = await client
      .get('/donation-imports/preview')
      .loginAs(treasurer)
      .qs({ token, filename: 'a.xlsx', cols: { c0: 'name', c1: 'amount', c2: 'date', c3: '' } })
    mapped.assertStatus(200)
    mapped.assertTextIncludes('Xác nhận nhập 1 khoản, tổng 250.000\u00a0đ')
    assert.equal(await countRows('import_column_mappings'), 0, 'looking writes nothing')
    const confirm = await client
      .post('/donation-imports')
      .loginAs(treasurer)
      .form({
        token,
        filename: 'a.xlsx',
        map: { name: '0', amount: '1', date: '2' },
        expected_count: '1',
        expected_total: '250000',
      })
      .withCsrfToken()
      .redirects(0)
    confirm.assertStatus(302)
    assert.equal(await countRows('import_column_mappings'), 1)

    const next = await upload(client, treasurer, await make('Võ Thị Lan'), 'b.xlsx')
    next.assertTextIncludes('Dùng cách ghép cột đã xác nhận lần trước')
    next.assertTextIncludes('Xác nhận nhập 1 khoản, tổng 250.000\u00a0đ')
  })

  test('two columns that fit one field are not guessed', async ({ assert }) => {
    const parsed = parseDonationList([
      ['Họ tên', 'Số tiền', 'Ngày nộp', 'Ngày nhận'],
      ['Nguyễn Văn An', 100_000, '01/03/2026', '02/03/2026'],
    ])
    assert.deepEqual(parsed.ambiguousColumns, ['date'])
    assert.lengthOf(parsed.lines, 0)
  })
})
