import { test } from '@japa/runner'
import { ApiRequest } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import ReverseDonation from '#actions/donations/reverse_donation'
import { addBatchRow, createBatch } from '#actions/donation_batches/batch_actions'
import { systemActor } from '#services/audit'
import { makeDonor, makeUser, recordDonation } from '#tests/helpers'

const XSS = '<script>alert(1)</script>'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

// Read .xlsx responses as bytes (superagent would otherwise leave the body empty).
ApiRequest.addParser(XLSX, (res, done) => {
  const chunks: Buffer[] = []
  res.on('data', (chunk: Buffer) => chunks.push(chunk))
  res.on('end', () => done(null, Buffer.concat(chunks)))
})

test.group('Exports and hostile names', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function ledger() {
    const treasurer = await makeUser('treasurer')
    const evil = await makeDonor({ name: XSS, village: '=HYPERLINK("http://x","bấm")' })
    const plain = await makeDonor({ name: 'Trịnh Văn Sơn', note: '+84 912 345 678' })
    const a = await recordDonation(treasurer, evil.id, 1_500_000, { note: '@SUM(A1)' })
    const b = await recordDonation(treasurer, plain.id, 2_000_000)
    await ReverseDonation.handle({
      actor: systemActor('test'),
      enteredBy: treasurer.id,
      donationId: b.id,
      reason: '-nhập trùng',
    })
    return { treasurer, evil, plain, a, b }
  }

  test('the .xlsx has numeric amount cells with a thousands format and a totals row', async ({
    client,
    assert,
  }) => {
    const { treasurer, evil } = await ledger()
    const response = await client.get('/exports/donations/xlsx').loginAs(treasurer)
    response.assertStatus(200)
    response.assertHeader(
      'content-type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(response.body() as any)
    const sheet = book.worksheets[0]
    const header = sheet.getRow(1).values as any[]
    assert.include(header, 'Số tiền (đồng)')
    const amountCol = header.indexOf('Số tiền (đồng)')
    const amounts: number[] = []
    for (let r = 2; r < sheet.rowCount; r++) {
      const cell = sheet.getRow(r).getCell(amountCol)
      assert.typeOf(cell.value, 'number')
      assert.equal(cell.numFmt, '#,##0')
      amounts.push(cell.value as number)
    }
    assert.sameMembers(amounts.slice(0, 3), [1_500_000, 2_000_000, -2_000_000])
    const total = sheet.getRow(sheet.rowCount)
    assert.equal(total.getCell(1).value, 'Tổng cộng')
    const totalCell = total.getCell(amountCol).value as any
    assert.match(totalCell.formula, /^SUM\(/)
    assert.equal(
      totalCell.result,
      amounts.reduce((s, v) => s + v, 0)
    )
    const names = sheet.getColumn(3).values as any[]
    assert.include(names, evil.name, 'the name is kept as text, not interpreted')
  })

  test('the .csv escapes formula cells and keeps Vietnamese readable in Excel', async ({
    client,
    assert,
  }) => {
    const { treasurer } = await ledger()
    const response = await client.get('/exports/donations/csv').loginAs(treasurer)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    const text = response.text()
    assert.isTrue(text.startsWith('\ufeff'), 'BOM for Excel')
    const rows: string[][] = parse(text, { bom: true, relax_column_count: true })
    const cells = rows.flat()
    assert.include(cells, `'=HYPERLINK("http://x","bấm")`)
    assert.include(cells, "'@SUM(A1)")
    assert.include(cells, 'Đã huỷ: -nhập trùng', 'starts with a letter, so left as is')
    for (const cell of cells) {
      assert.notMatch(cell, /^[=+@\t\r]/, `cell ${cell} would run as a formula`)
      if (/^-/.test(cell)) assert.match(cell, /^-\d+$/, `only numbers may start with "-": ${cell}`)
    }
    const donors = await client.get('/exports/donors/csv').loginAs(treasurer)
    const donorCells = (
      parse(donors.text(), { bom: true, relax_column_count: true }) as string[][]
    ).flat()
    assert.include(donorCells, "'+84 912 345 678")
    assert.include(donorCells, XSS)
  })

  test(`a donor named ${XSS} is escaped on every page`, async ({ client, assert }) => {
    const { treasurer, evil, a } = await ledger()
    const committee = await makeUser('committee')
    const actor = { id: treasurer.id, label: 'test', ip: null }
    const batch = await createBatch({
      actor,
      label: XSS,
      fundId: a.fund_id,
      expectedCount: 1,
      expectedTotal: 1000,
    })
    await addBatchRow({
      actor,
      batchId: batch.id,
      line: {
        donorId: evil.id,
        donor: { name: '' },
        amount: 1000,
        receivedOn: '2026-03-01',
        method: 'cash',
      },
    })
    const pages: Array<[string, any]> = [
      ['/donors', treasurer],
      [`/donors/${evil.id}`, treasurer],
      [`/donors/${evil.id}/edit`, treasurer],
      ['/donations', committee],
      [`/donations/${a.id}`, treasurer],
      [`/donations/${a.id}/receipt`, treasurer],
      [`/donations/create?donor_id=${evil.id}`, treasurer],
      ['/donation-batches', treasurer],
      [`/donation-batches/${batch.id}`, treasurer],
      ['/funds', treasurer],
      ['/cong-khai', null],
      ['/audit', committee],
    ]
    for (const [url, user] of pages) {
      const request = client.get(url)
      const response = user ? await request.loginAs(user) : await request
      response.assertStatus(200)
      const html = response.text()
      assert.notInclude(html, XSS, `${url} must escape the name`)
      const raw = /@!?(if|each|let|can|end|layout\.\w+|[a-z]+[A-Z]\w*)\(|\{\{/.exec(html)
      assert.isNull(
        raw,
        `${url} has an unrendered Edge tag: ${raw && html.slice(raw.index - 80, raw.index + 80)}`
      )
      if (!['/audit', '/funds'].includes(url))
        assert.include(html, '&lt;script&gt;alert(1)&lt;/script&gt;', url)
    }
    const api = await client.get('/api/v1/donors').loginAs(treasurer)
    api.assertHeader('content-type', 'application/json; charset=utf-8')
  })
})
