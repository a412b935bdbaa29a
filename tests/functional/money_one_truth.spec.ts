import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Fund from '#models/fund'
import createFund from '#actions/funds/create_fund'
import saveBudgetLine from '#actions/budget_lines/save_budget_line'
import { createExpense } from '#actions/expenses/save_expense'
import { approveExpense, payExpense, submitExpense } from '#actions/expenses/workflow'
import { systemActor } from '#services/audit'
import { formatMoney } from '#services/money'
import { actorFromUser, makeDonor, makeUser, recordDonation, userWithToken } from '#tests/helpers'
import { committeeWorkbook } from '#tests/report_support'

/** A paid expense of `amount` on a new budget line of `fundId`. */
async function paidExpense(fundId: number, name: string, amount: number) {
  const author = actorFromUser(await makeUser('treasurer'))
  const committee = actorFromUser(await makeUser('committee'))
  const line = await saveBudgetLine({
    actor: committee,
    fields: { fundId, name, approvedAmount: amount },
  })
  const expense = await createExpense({
    actor: author,
    fields: {
      budgetLineId: line.id,
      payee: 'Nhà thầu',
      description: name,
      amount,
      spentOn: '2026-05-20',
    },
  })
  await submitExpense({ actor: author, expenseId: expense.id })
  await approveExpense({ actor: committee, expenseId: expense.id })
  await payExpense({ actor: author, expenseId: expense.id })
}

/** The HTML between a marker and the end of its element block (section, table row). */
function block(html: string, marker: string, end: string) {
  const start = html.indexOf(marker)
  if (start < 0) throw new Error(`${marker} not on the page`)
  return html.slice(start, html.indexOf(end, start))
}

/** Money amounts as the page writes them, in order of appearance in `html`. */
function amountsIn(html: string) {
  return [...html.matchAll(/(-?[\d.]+)\u00a0đ/g)].map((m) => m[0])
}

/*
 * One truth for the programme's money (issue 22): with a second fund that received and spent
 * money, the dashboard, the public page, the API and the committee's workbook show the same
 * raised / paid / balance, for every fund together and for each fund apart.
 */
test.group('The programme money is the same everywhere', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('two funds: dashboard, public page, API and workbook agree for all funds and each fund', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const camera = await Fund.default()
    const upkeep = await createFund({
      actor: systemActor('test'),
      code: 'bao-tri',
      name: 'Quỹ bảo trì camera',
    })
    const donor = await makeDonor()
    await recordDonation(treasurer, donor.id, 100_000_000)
    await recordDonation(treasurer, donor.id, 18_500_000)
    await recordDonation(treasurer, donor.id, 12_000_000, { fundId: upkeep.id })
    await paidExpense(camera.id, 'Lắp đặt camera', 133_812_000)
    await paidExpense(upkeep.id, 'Thay nguồn camera', 2_400_000)

    // What each scope must read, from the ledger rows above (not from the module under test).
    const expected = {
      all: { raised: 130_500_000, paid: 136_212_000, balance: -5_712_000 },
      [camera.id]: { raised: 118_500_000, paid: 133_812_000, balance: -15_312_000 },
      [upkeep.id]: { raised: 12_000_000, paid: 2_400_000, balance: 9_600_000 },
    }
    const money = (e: { raised: number; paid: number; balance: number }) => [
      formatMoney(e.raised),
      formatMoney(e.paid),
      formatMoney(e.balance),
    ]

    // API: every fund unless one is asked for; an unknown fund is refused.
    const { token } = await userWithToken('committee')
    const all = (await client.get('/api/v1/programme/summary').bearerToken(token)).body()
    assert.deepInclude(all, { scope: 'all', fund_id: null, ...expected.all })
    for (const fund of [camera, upkeep]) {
      const one = await client
        .get('/api/v1/programme/summary')
        .qs({ fund_id: fund.id })
        .bearerToken(token)
      assert.deepInclude(one.body(), { scope: fund.id, fund_id: fund.id, ...expected[fund.id] })
      assert.deepInclude(
        all.funds.find((f: any) => f.fund_id === fund.id),
        expected[fund.id]
      )
    }
    const unknown = await client
      .get('/api/v1/programme/summary')
      .qs({ fund_id: 99_999 })
      .bearerToken(token)
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].message, 'Không có quỹ này.')

    // Dashboard (committee): all funds, said so, then each fund.
    const committee = await makeUser('committee')
    const dashboard = (await client.get('/').loginAs(committee)).text()
    const figures = block(dashboard, 'data-test="money-figures"', '</dl>')
    assert.deepEqual(amountsIn(figures).slice(0, 2), money(expected.all).slice(0, 2))
    assert.include(figures, formatMoney(5_712_000), 'the shortfall of all funds')
    assert.include(dashboard, 'Số liệu cộng tất cả các quỹ.')

    // Public page: all funds, said so, then each fund.
    const publicPage = (await client.get('/cong-khai')).text()
    assert.include(
      block(publicPage, 'data-test="public-raised"', '</div>'),
      formatMoney(130_500_000)
    )
    assert.include(
      block(publicPage, 'data-test="public-spent"', '</div>'),
      formatMoney(136_212_000)
    )
    assert.include(
      block(publicPage, 'data-test="public-balance"', '</div>'),
      formatMoney(5_712_000)
    )
    assert.include(publicPage, 'Số liệu cộng tất cả các quỹ.')

    for (const fund of [camera, upkeep]) {
      for (const html of [dashboard, publicPage]) {
        const row = block(html, `<tr data-fund="${fund.id}">`, '</tr>')
        assert.deepEqual(amountsIn(row), money(expected[fund.id]))
      }
    }

    // Budget page: every fund by default, one fund when chosen.
    const budgetAll = (await client.get('/budget').loginAs(committee)).text()
    assert.include(block(budgetAll, 'data-test="raised"', '</strong>'), formatMoney(130_500_000))
    const budgetUpkeep = (
      await client.get('/budget').qs({ fund_id: upkeep.id }).loginAs(committee)
    ).text()
    assert.include(block(budgetUpkeep, 'data-test="raised"', '</strong>'), formatMoney(12_000_000))
    assert.include(block(budgetUpkeep, 'data-test="paid"', '</strong>'), formatMoney(2_400_000))

    // Workbook: the summary states every fund; the Quỹ sheet each fund and the total.
    const workbook = await committeeWorkbook(client, committee, {
      from: '2026-01-01',
      to: '2026-11-28',
    })
    const summary = workbook.rows('Tổng hợp')
    const value = (prefix: string) => summary.find((r) => String(r[0]).startsWith(prefix))?.[1]
    assert.equal(value('Tổng số tiền vận động'), expected.all.raised)
    assert.equal(value('Tổng chi phí đã thực hiện'), expected.all.paid)
    assert.equal(value('Số tiền đã chi so với số tiền vận động còn thiếu'), 5_712_000)
    const funds = workbook.rows('Quỹ')
    assert.deepEqual(funds.slice(1), [
      ['Chương trình camera an ninh', 118_500_000, 133_812_000, -15_312_000],
      ['Quỹ bảo trì camera', 12_000_000, 2_400_000, 9_600_000],
      ['Tất cả quỹ', 130_500_000, 136_212_000, -5_712_000],
    ])
  })
})
