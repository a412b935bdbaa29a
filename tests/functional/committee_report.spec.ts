import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import User from '#models/user'
import ReportCommittee from '#commands/report_committee'
import { reportPath } from '#actions/reports/generate_committee_report'
import { makeUser, sheetRows } from '#tests/helpers'
import { committeeWorkbook } from '#tests/report_support'

const token = async (user: User) => (await User.accessTokens.create(user)).value!.release()

/** The report's programme, built through the JSON API as the people who run it would. */
async function buildProgramme(client: any, options: { communeRoot?: boolean } = {}) {
  const treasurer = await token(await makeUser('treasurer'))
  const chair = await token(await makeUser('committee'))
  const member = await token(await makeUser('committee'))
  const technician = await token(await makeUser('technician'))
  const post = async (who: string, url: string, body: object = {}) => {
    const response = await client.post(url).bearerToken(who).json(body)
    if (response.status() >= 300) throw new Error(`${url}: ${response.status()} ${response.text()}`)
    return response.body().data
  }
  for (const [name, amount] of [
    ['Công ty TNHH Vận tải Nghĩa Phương', 50_000_000],
    ['Hội đồng hương xã tại TP.HCM', 40_000_000],
    ['Ông Nguyễn Văn Thành', 28_500_000],
  ] as const) {
    const donor = await post(treasurer, '/api/v1/donors', { kind: 'organisation', name })
    await post(treasurer, '/api/v1/donations', {
      donor_id: donor.id,
      amount,
      received_on: '2026-03-15',
      method: 'bank_transfer',
    })
  }
  const spend = async (line: string, budget: number, expense: object) => {
    const budgetLine = await post(chair, '/api/v1/budget-lines', {
      name: line,
      approved_amount: budget,
    })
    const draft = await post(treasurer, '/api/v1/expenses', {
      budget_line_id: budgetLine.id,
      payee: 'Nhà thầu',
      spent_on: '2026-05-20',
      ...expense,
    })
    await post(treasurer, `/api/v1/expenses/${draft.id}/submit`)
    await post(member, `/api/v1/expenses/${draft.id}/approve`)
    await post(treasurer, `/api/v1/expenses/${draft.id}/pay`)
  }
  await spend('Lắp đặt camera', 130_000_000, {
    description: 'Lắp đặt 26 camera',
    amount: 128_690_000,
    contract_no: 'HĐ-01/2026',
  })
  await spend('Điện chiếu sáng', 4_000_000, {
    description: 'Bắt điện chiếu sáng tỉnh lộ 628, dọc xe lửa và đường ra nghĩa địa',
    amount: 3_822_000,
  })
  await spend('Biển báo', 1_500_000, {
    description: 'Lắp các biển làm tăng hiệu quả mô hình camera',
    quantity: 10,
    unit_price: 130_000,
  })
  const household = await post(technician, '/api/v1/households', {
    head_name: 'Hộ ông Lê Văn Hai',
    consent_signed_on: '2026-02-01',
  })
  const counts = [
    ['Quốc lộ 1A', 'route', 4],
    ['Ngã ba chợ Tre', 'point', 2],
    ['Tỉnh lộ 628', 'route', 15],
    ['Đường ra nghĩa trang', 'route', 1],
    ['Thôn An Đại 1', 'village', 2],
    ['Thôn Năng Tây 3', 'village', 2],
  ] as const
  // Entered the natural way, the commune is the root and routes and villages hang under it.
  const commune = options.communeRoot
    ? await post(technician, '/api/v1/locations', { name: 'Xã Nghĩa Phương', kind: 'commune' })
    : null
  for (const [name, kind, n] of counts) {
    const location = await post(technician, '/api/v1/locations', {
      name,
      kind,
      ...(commune ? { parent_id: commune.id } : {}),
    })
    for (let i = 1; i <= n; i++) {
      await post(technician, '/api/v1/cameras', {
        name: `${name} ${i}`,
        location_id: location.id,
        household_id: household.id,
        status: 'active',
      })
    }
  }
}

test.group('Committee report (.xlsx) from the ledger', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the workbook states the report: 118.500.000 raised, 133.812.000 spent, 15.312.000 short, cameras 4/2/15/1/2/2 = 26', async ({
    client,
    assert,
  }) => {
    await buildProgramme(client)
    const committee = await makeUser('committee')
    const response = await client
      .get('/reports/committee.xlsx')
      .qs({ from: '2026-01-01', to: '2026-11-28' })
      .loginAs(committee)
    response.assertStatus(200)
    const history = await db.from('report_history').orderBy('id', 'desc').firstOrFail()
    assert.equal(response.header('x-report-sha256'), history.sha256)
    assert.equal(history.created_by, committee.id)
    assert.equal(history.period_from, '2026-01-01')
    const file = await readFile(reportPath(history.file_name))
    assert.equal(createHash('sha256').update(file).digest('hex'), history.sha256)

    const book = new ExcelJS.Workbook()
    await book.xlsx.load(file as any)
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      [
        'Tổng hợp',
        'Quỹ',
        'Danh sách ủng hộ',
        'Chi phí',
        'Camera',
        'Bảo trì',
        'Duy trì',
        'Ghi hình',
        'Trích xuất',
      ]
    )
    const summary = sheetRows(book.getWorksheet('Tổng hợp')!)
    const value = (prefix: string) =>
      summary.find((r) => String(r[0]).startsWith(prefix) && typeof r[1] === 'number')?.[1]
    assert.equal(value('Tổng số tiền vận động'), 118_500_000)
    assert.equal(value('Tổng chi phí đã thực hiện'), 133_812_000)
    assert.equal(value('Số tiền đã chi so với số tiền vận động còn thiếu'), 15_312_000)
    assert.equal(value('+ Lắp đặt 26 camera'), 128_690_000)
    assert.equal(
      value('+ Lắp các biển làm tăng hiệu quả mô hình camera: 10 × 130.000 đ'),
      1_300_000
    )
    assert.deepEqual(
      [
        'Quốc lộ 1A',
        'Ngã ba chợ Tre',
        'Tỉnh lộ 628',
        'Đường ra nghĩa trang',
        'Thôn An Đại 1',
        'Thôn Năng Tây 3',
      ].map(value),
      [4, 2, 15, 1, 2, 2]
    )
    assert.equal(value('Tổng số camera'), 26)
    assert.equal(book.getWorksheet('Tổng hợp')!.getCell('B3').numFmt, '#,##0')
    const view = book.getWorksheet('Tổng hợp')!.views[0] as { state: string; ySplit: number }
    assert.equal(view.state, 'frozen')
    assert.equal(view.ySplit, 1)

    const donors = sheetRows(book.getWorksheet('Danh sách ủng hộ')!)
    assert.lengthOf(donors, 1 + 3 + 1)
    assert.equal(donors.at(-1)![4], 118_500_000)
    const costs = sheetRows(book.getWorksheet('Chi phí')!)
    assert.lengthOf(costs, 1 + 3 + 1)
    assert.equal(costs.at(-1)![5], 133_812_000)
    assert.equal(
      book.getWorksheet('Chi phí')!.getCell('F5').value &&
        (book.getWorksheet('Chi phí')!.getCell('F5').value as any).formula,
      'SUM(F2:F4)'
    )
    const cameras = sheetRows(book.getWorksheet('Camera')!)
    assert.lengthOf(cameras, 1 + 26 + 1)
    assert.equal(cameras[1][4], 'Hộ ông Lê Văn Hai')
    // Registered after the period (today), never installed in it: not counted as 0 %.
    assert.equal(cameras[1][5], 'Chưa lắp')
  })

  test('the printable A4 page (Nghị định 30 layout) and its PDF carry the same figures', async ({
    client,
    assert,
  }) => {
    await buildProgramme(client)
    const committee = await makeUser('committee')
    const form = await client.get('/reports/committee').loginAs(committee)
    form.assertStatus(200)
    const narrative = {
      from: '2026-01-01',
      to: '2026-11-28',
      report_date: '2026-11-28',
      number: '12/BC-BCĐ',
      purpose: 'Giám sát toàn diện các vị trí xung yếu.\nBao quát các hướng vào, ra địa bàn.',
      difficulties: 'Camera dùng điện và wifi của nhà dân nên hay mất hình khi cúp điện.',
      signer_title: 'CHỦ TỊCH UBND XÃ',
      signer_name: 'Võ Danh Ngọc',
    }
    const page = await client
      .post('/reports/committee')
      .loginAs(committee)
      .form({ ...narrative, format: 'html' })
      .withCsrfToken()
    page.assertStatus(200)
    const html = page.text()
    for (const text of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 12/BC-BCĐ',
      'Nghĩa Phương, ngày 28 tháng 11 năm 2026',
      '<h1>BÁO CÁO</h1>',
      'I. MỤC ĐÍCH, YÊU CẦU',
      'IV. TỒN TẠI, KHÓ KHĂN VÀ ĐỀ XUẤT, ĐỊNH HƯỚNG',
      '<p>Bao quát các hướng vào, ra địa bàn.</p>',
      '118.500.000 đồng',
      '128.690.000 đ',
      '10 x 130.000 đ = <strong>1.300.000 đ',
      'Tổng chi phí đã thực hiện: 133.812.000 đồng.',
      'còn thiếu: <strong>15.312.000 đồng.',
      'Quốc lộ 1A: 04 cái; Ngã ba chợ Tre: 02 cái; Tỉnh lộ 628: 15 cái; Đường ra nghĩa trang: 01 cái; Thôn An Đại 1: 02 cái; Thôn Năng Tây 3: 02 cái. Tổng cộng: 26 camera.',
      'Nơi nhận:',
      'Võ Danh Ngọc',
      '@page { size: A4;',
    ]) {
      assert.include(html, text)
    }
    const htmlRow = await db.from('report_history').where('format', 'html').firstOrFail()
    assert.equal(page.header('x-report-sha256'), htmlRow.sha256)

    // The text is kept for next time.
    const again = await client.get('/reports/committee').loginAs(committee)
    again.assertTextIncludes('Võ Danh Ngọc')

    const pdf = await client
      .post('/reports/committee')
      .loginAs(committee)
      .form({ ...narrative, format: 'pdf' })
      .withCsrfToken()
    pdf.assertStatus(200)
    const pdfRow = await db.from('report_history').where('format', 'pdf').firstOrFail()
    const bytes = await readFile(reportPath(pdfRow.file_name))
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-')
    assert.equal(createHash('sha256').update(bytes).digest('hex'), pdfRow.sha256)
    const history = await client.get('/reports').loginAs(committee)
    history.assertTextIncludes(pdfRow.sha256)
  }).timeout(60_000)

  test('a commune-rooted tree is counted per route and village, or at the level the committee picks', async ({
    client,
    assert,
  }) => {
    await buildProgramme(client, { communeRoot: true })
    const committee = await makeUser('committee')
    const perRoute =
      'Quốc lộ 1A: 04 cái; Ngã ba chợ Tre: 02 cái; Tỉnh lộ 628: 15 cái; Đường ra nghĩa trang: 01 cái; Thôn An Đại 1: 02 cái; Thôn Năng Tây 3: 02 cái. Tổng cộng: 26 camera.'
    const print = (level?: string) =>
      client
        .post('/reports/committee')
        .loginAs(committee)
        .form({
          from: '2026-01-01',
          to: '2026-11-28',
          report_date: '2026-11-28',
          format: 'html',
          ...(level ? { location_level: level } : {}),
        })
        .withCsrfToken()
    const byDefault = await print()
    byDefault.assertStatus(200)
    assert.include(byDefault.text(), perRoute)
    assert.notInclude(byDefault.text(), 'Xã Nghĩa Phương: 26')

    // The workbook and the dashboard count the same way.
    const workbook = await committeeWorkbook(client, committee, {
      from: '2026-01-01',
      to: '2026-11-28',
    })
    const summary = workbook.rows('Tổng hợp')
    const count = (name: string) => summary.find((r) => r[0] === name)?.[1]
    assert.deepEqual(['Quốc lộ 1A', 'Tỉnh lộ 628', 'Thôn An Đại 1', 'Xã Nghĩa Phương'].map(count), [
      4,
      15,
      2,
      undefined,
    ])
    const dashboard = (await client.get('/').loginAs(committee)).text()
    assert.match(dashboard, /<tr><td>Tỉnh lộ 628<\/td><td class="num">15<\/td>/)

    // Level 1 (the top) is the commune as a whole; the choice is kept for next time.
    const top = await print('1')
    assert.include(top.text(), 'Xã Nghĩa Phương: 26 cái. Tổng cộng: 26 camera.')
    const form = await client.get('/reports/committee').loginAs(committee)
    assert.match(form.text(), /<option value="1" selected>/)
    assert.match(
      (await client.get('/').loginAs(committee)).text(),
      /<tr><td>Xã Nghĩa Phương<\/td><td class="num">26<\/td>/
    )
  }).timeout(60_000)

  test('the dashboard shows each role its figures, every chart with its numbers as a table', async ({
    client,
    assert,
  }) => {
    await buildProgramme(client)
    const committee = await makeUser('committee')
    const page = await client.get('/').loginAs(committee)
    page.assertStatus(200)
    const html = page.text()
    for (const text of [
      '118.500.000\u00a0đ',
      '133.812.000\u00a0đ',
      '15.312.000\u00a0đ',
      'Lắp đặt camera',
    ]) {
      assert.include(html, text)
    }
    assert.include(html, 'data-test="dash-money"')
    assert.include(html, 'data-test="dash-coverage"')
    assert.match(html, /<td>Đang hoạt động<\/td><td class="num">26<\/td>/)
    // The money chart's data is the table's numbers.
    const chart = /data-test="dash-money">[\s\S]*?data-chart="([^"]+)"/
      .exec(html)![1]
      .replace(/&quot;/g, '"')
    assert.deepEqual(JSON.parse(chart).series[0].data, [118_500_000, 133_812_000, 15_312_000])

    const technician = await makeUser('technician')
    const own = (await client.get('/').loginAs(technician)).text()
    assert.notInclude(own, 'data-test="dash-money"')
    assert.include(own, 'data-test="dash-tickets"')
    const vendor = await client.get('/vendor/chart.min.js')
    vendor.assertStatus(200)
    vendor.assertHeader('content-type', 'text/javascript; charset=utf-8')
  })

  test('who may generate it; a bad period is refused; the command writes the same workbook', async ({
    client,
    assert,
  }) => {
    const technician = await makeUser('technician')
    ;(
      await client
        .get('/reports/committee.xlsx')
        .qs({ from: '2026-01-01', to: '2026-02-01' })
        .loginAs(technician)
    ).assertStatus(403)
    ;(await client.get('/reports').loginAs(technician)).assertStatus(403)
    const treasurer = await makeUser('treasurer')
    ;(await client.get('/reports').loginAs(treasurer)).assertStatus(200)
    const backwards = await client
      .get('/reports/committee.xlsx')
      .qs({ from: '2026-03-01', to: '2026-02-01' })
      .loginAs(treasurer)
    backwards.assertStatus(422)
    assert.equal(backwards.body().message, '"Đến ngày" phải sau hoặc bằng "Từ ngày".')

    const dir = await mkdtemp(join(tmpdir(), 'report-'))
    const out = join(dir, 'bao-cao.xlsx')
    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    const command = await ace.create(ReportCommittee, [
      '--from',
      '2026-01-01',
      '--to',
      '2026-11-28',
      '--out',
      out,
    ])
    await command.exec()
    assert.equal(command.exitCode ?? 0, 0)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await readFile(out)) as any)
    assert.equal(book.worksheets.length, 9)
    const history = await db.from('report_history').orderBy('id', 'desc').firstOrFail()
    assert.equal(history.created_by_label, 'node ace report:committee')
    await rm(dir, { recursive: true, force: true })
  })
})
