import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Fund from '#models/fund'
import saveBudgetLine from '#actions/budget_lines/save_budget_line'
import { createExpense } from '#actions/expenses/save_expense'
import { approveExpense, payExpense, submitExpense } from '#actions/expenses/workflow'
import { assignTicket, openTicket, resolveTicket } from '#actions/tickets/ticket_workflow'
import createSupportRun from '#actions/support/create_support_run'
import { parseSupportMonth } from '#services/support/support_month'
import { todayIso } from '#services/dates'
import { actorFromUser, makeCamera, makeUser, words } from '#tests/helpers'
import { committeeWorkbook } from '#tests/report_support'
import type { AuditActor } from '#services/audit'

test.group('Upkeep cost and forecast (issue 24)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('last year and next year on a hand-computed example, and the contribution per household', async ({
    client,
    assert,
  }) => {
    // Only this test's cameras: anything committed by earlier files leaves the count.
    await db.from('cameras').update({ status: 'retired' })
    const technician = await makeUser('technician')
    const treasurer = actorFromUser(await makeUser('treasurer'))
    const committeeUser = await makeUser('committee')
    const committee = actorFromUser(committeeUser)
    const tech = actorFromUser(technician)
    const fund = await Fund.default()
    const maintenance = await saveBudgetLine({
      actor: committee,
      fields: {
        fundId: fund.id,
        name: 'Duy tu, sửa chữa',
        approvedAmount: 10_000_000,
        isMaintenance: true,
      },
    })
    const supportLine = await saveBudgetLine({
      actor: committee,
      fields: { fundId: fund.id, name: 'Hỗ trợ hộ đặt camera', approvedAmount: 5_000_000 },
    })
    const pay = async (expenseId: number, author: AuditActor) => {
      await submitExpense({ actor: author, expenseId }).catch(() => {})
      await approveExpense({ actor: committee, expenseId })
      await payExpense({ actor: treasurer, expenseId })
    }
    const repair = async (cameraId: number, cost: number) => {
      const ticket = await openTicket({
        actor: tech,
        fields: { cameraId, source: 'staff', category: 'weather', title: 'Nước vào' },
      })
      await assignTicket({ actor: tech, ticketId: ticket.id, assigneeId: technician.id })
      await resolveTicket({
        actor: tech,
        ticketId: ticket.id,
        resolution: 'Thay hộp',
        repairCost: cost,
      })
      const row = await db.from('maintenance_tickets').where('id', ticket.id).firstOrFail()
      await pay(row.expense_id, tech)
    }

    // Two programme cameras in service all year, one planned, one of a thôn (not ours).
    const a = await makeCamera(
      'Duy trì A',
      { installedOn: '2025-01-01' },
      { monthlySupport: 100_000 }
    )
    const b = await makeCamera(
      'Duy trì B',
      { installedOn: '2025-01-01' },
      { monthlySupport: 150_000 }
    )
    await makeCamera('Duy trì C', { status: 'planned' }, { monthlySupport: 90_000 })
    const d = await makeCamera('Duy trì D', { status: 'planned' })
    await db
      .from('cameras')
      .where('id', d.id)
      .update({ owner_kind: 'village', owner_name: 'Thôn Đông' })

    await repair(a.id, 300_000)
    await repair(b.id, 500_000)
    await repair(d.id, 999_000)
    const other = await createExpense({
      actor: treasurer,
      fields: {
        budgetLineId: maintenance.id,
        payee: 'Cửa hàng điện',
        description: 'Dây điện chống nước',
        amount: 600_000,
        spentOn: todayIso(),
      },
    })
    await pay(other.id, treasurer)
    const lastMonth = DateTime.now().minus({ months: 1 }).toFormat('yyyy-MM')
    const run = await createSupportRun({
      actor: treasurer,
      month: parseSupportMonth(lastMonth)!,
      budgetLineId: supportLine.id,
    })
    await approveExpense({ actor: committee, expenseId: run.expenseId })
    await payExpense({ actor: treasurer, expenseId: run.expenseId })

    const page = await client
      .get('/reports/upkeep')
      .qs({ households: 200, local_budget: '1.100.000' })
      .loginAs(committeeUser)
    page.assertStatus(200)
    const text = words(page.text())
    // Last year: repairs 300.000 + 500.000; support 250.000; other 600.000 = 1.650.000 over
    // 2 camera-years = 825.000 per camera per year. D's repair is a thôn's camera: apart.
    assert.include(
      text,
      'Sửa chữa 800.000 đ Hỗ trợ hộ đặt camera 250.000 đ Duy tu khác 600.000 đ Tổng 1.650.000 đ'
    )
    assert.include(text, 'Chi phí mỗi camera mỗi năm 825.000 đ')
    assert.include(text, 'Số lần hỏng 2')
    assert.include(text, 'Sửa camera kết nối (không tính vào đây) 999.000 đ')
    // Next year, N = 3 (A, B and the planned C): MTBF 17.520 h ÷ 2 = 8.760 h, so 3 failures
    // × 400.000 = 1.200.000; support 12 × (100.000 + 150.000) = 3.000.000; other
    // 600.000 ÷ 2 × 3 = 900.000. Total 5.100.000, less 1.100.000 from the budget = 4.000.000
    // over 200 households = 20.000 đ.
    assert.match(
      text,
      /Sửa chữa 3 camera × 8\.760 giờ ÷ MTBF 8\.760 giờ = 3 lần hỏng × 400\.000 đ 1\.200\.000 đ/
    )
    assert.include(
      text,
      'Hỗ trợ hộ đặt camera 12 tháng × mức hỗ trợ hằng tháng của các hộ đang đặt camera 3.000.000 đ'
    )
    assert.include(text, 'Duy tu khác năm qua mỗi camera-năm × 3 camera 900.000 đ')
    assert.include(text, 'Dự báo chi phí năm tới 5.100.000 đ')
    assert.include(text, 'Cần hộ dân đóng góp 4.000.000 đ')
    assert.include(text, 'Mỗi hộ cần đóng góp 20.000 đ / năm')
    // Every figure leads to its rows.
    assert.include(page.text(), `href="/expenses/${other.id}"`)
    assert.include(page.text(), `href="/expenses/${run.expenseId}"`)
    assert.include(page.text(), `href="/cameras/${a.id}"`)

    // The committee's workbook carries the same figures (households: no scheme yet).
    const { rows } = await committeeWorkbook(client, committeeUser, {
      from: '2026-01-01',
      to: todayIso(),
    })
    const upkeep = rows('Duy trì')
    const value = (label: string) => upkeep.filter((r) => r[0] === label).map((r) => r[1])
    assert.deepEqual(value('Tổng'), [1_650_000])
    assert.deepEqual(value('Dự báo chi phí năm tới'), [5_100_000])
    assert.deepEqual(value('Sửa chữa'), [800_000, 1_200_000])
  })
})
