import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { ApiRequest } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import Fund from '#models/fund'
import createLocation from '#actions/locations/save_location'
import saveHousehold from '#actions/households/save_household'
import { createCamera } from '#actions/cameras/save_camera'
import saveBudgetLine from '#actions/budget_lines/save_budget_line'
import { createExpense } from '#actions/expenses/save_expense'
import allocateExpense from '#actions/expenses/allocate_expense'
import { actorFromUser, makeUser } from '#tests/helpers'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
ApiRequest.addParser(XLSX, (res, done) => {
  const chunks: Buffer[] = []
  res.on('data', (chunk: Buffer) => chunks.push(chunk))
  res.on('end', () => done(null, Buffer.concat(chunks)))
})

async function register() {
  const technician = await makeUser('technician')
  const actor = actorFromUser(technician)
  const location = await createLocation({
    actor,
    parentId: null,
    kind: 'route',
    name: 'Quốc lộ 1A',
  })
  await createLocation({ actor, parentId: null, kind: 'village', name: 'Thôn An Đại 1' })
  const household = await saveHousehold({
    actor,
    fields: { headName: 'Hộ Bùi Văn Năm', consentSignedOn: '2026-04-01' },
  })
  const camera = await createCamera({
    actor,
    fields: {
      name: 'Cầu Quốc lộ',
      locationId: location.id,
      householdId: household.id,
      status: 'active',
      mainStreamUrl: 'rtsp://admin:Bi-Mat-123@192.168.1.30:554/ch1',
      serial: 'SN-001',
    },
  })
  return { technician, camera }
}

test.group('Camera list as .xlsx', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the export has every camera and no credentials', async ({ client, assert }) => {
    const { technician, camera } = await register()
    const response = await client.get('/cameras/export').loginAs(technician)
    response.assertStatus(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(response.body() as any)
    const sheet = book.worksheets[0]
    assert.equal(sheet.getRow(2).getCell(1).value, camera.code)
    assert.equal(sheet.getRow(2).getCell(12).value, 'rtsp://192.168.1.30:554/ch1')
    const all = JSON.stringify(sheet.getSheetValues())
    assert.notInclude(all, 'Bi-Mat-123')
    assert.notInclude(all, 'admin')
  })

  test('an import updates by code and adds new cameras in one go, or writes nothing', async ({
    client,
    assert,
  }) => {
    const { technician, camera } = await register()
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('Camera')
    sheet.addRow(['Mã', 'Tên', 'Vị trí', 'Tình trạng', 'Kiểu máy', 'Ngày lắp'])
    sheet.addRow([
      camera.code,
      'Cầu Quốc lộ (đã đổi tên)',
      'Quốc lộ 1A',
      'Đang hoạt động',
      'Ezviz C3W',
      '10/05/2026',
    ])
    sheet.addRow(['CAM-050', 'Nhà văn hoá thôn', 'thon an dai 1', 'planned', '', ''])
    const good = Buffer.from(await book.xlsx.writeBuffer())

    const bad = new ExcelJS.Workbook()
    const badSheet = bad.addWorksheet('Camera')
    badSheet.addRow(['Code', 'Name', 'Location', 'Status'])
    badSheet.addRow(['CAM-060', 'Ngã tư', 'Chỗ không có', 'Đang hoạt động'])
    badSheet.addRow(['CAM-061', 'Chợ', 'Quốc lộ 1A', 'hư'])
    badSheet.addRow(['CAM-062', 'Cổng', 'Quốc lộ 1A', 'active'])
    const refused = await client
      .post('/cameras/import')
      .loginAs(technician)
      .file('file', Buffer.from(await bad.xlsx.writeBuffer()), { filename: 'camera.xlsx' })
      .withCsrfToken()
    refused.assertStatus(200)
    refused.assertTextIncludes('vị trí chưa có trong danh sách vị trí')
    refused.assertTextIncludes('tình trạng không rõ')
    assert.isNull(await db.from('cameras').where('code', 'CAM-062').first(), 'nothing written')

    // Rows that are fine on their own, but one would go live without consent: all refused.
    const consent = new ExcelJS.Workbook()
    const consentSheet = consent.addWorksheet('Camera')
    consentSheet.addRow(['Code', 'Name', 'Location', 'Status'])
    consentSheet.addRow(['CAM-063', 'Trạm bơm', 'Quốc lộ 1A', 'planned'])
    consentSheet.addRow(['CAM-064', 'Cổng', 'Quốc lộ 1A', 'active'])
    const noConsent = await client
      .post('/cameras/import')
      .loginAs(technician)
      .file('file', Buffer.from(await consent.xlsx.writeBuffer()), { filename: 'camera.xlsx' })
      .withCsrfToken()
    noConsent.assertTextIncludes('không thể &quot;Đang hoạt động&quot; khi chưa có hộ đồng ý')
    assert.isNull(
      await db.from('cameras').where('code', 'CAM-063').first(),
      'the good row was rolled back too'
    )

    const done = await client
      .post('/cameras/import')
      .loginAs(technician)
      .file('file', good, { filename: 'camera.xlsx' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(done.flashMessage('success'), 'Đã thêm 1 camera, cập nhật 1 camera')
    const updated = await db.from('cameras').where('id', camera.id).firstOrFail()
    assert.equal(updated.name, 'Cầu Quốc lộ (đã đổi tên)')
    assert.equal(updated.installed_on, '2026-05-10')
    assert.isNotNull(updated.password_encrypted, 'credentials are kept')
    assert.isNotNull(updated.household_id, 'the household is kept')
    const added = await db.from('cameras').where('code', 'CAM-050').firstOrFail()
    assert.equal(added.status, 'planned')
  })

  test('spreading the contract over camera codes gives each camera its cost', async ({
    assert,
  }) => {
    const { camera } = await register()
    const committee = actorFromUser(await makeUser('committee'))
    const fund = await Fund.default()
    const line = await saveBudgetLine({
      actor: committee,
      fields: { fundId: fund.id, name: 'Lắp đặt', approvedAmount: 100 },
    })
    const expense = await createExpense({
      actor: committee,
      fields: {
        budgetLineId: line.id,
        payee: 'Nhà thầu',
        description: 'Hợp đồng',
        amount: 100,
        spentOn: '2026-05-10',
      },
    })
    await allocateExpense({
      actor: committee,
      expenseId: expense.id,
      cameraCodes: [camera.code, 'CAM-777', 'CAM-778'],
    })
    const row = await db.from('cameras').where('id', camera.id).firstOrFail()
    assert.equal(row.cost, 34)
    assert.equal(row.cost_expense_id, expense.id)
  })
})
