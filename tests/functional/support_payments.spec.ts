import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Fund from '#models/fund'
import saveBudgetLine from '#actions/budget_lines/save_budget_line'
import { actorFromUser, makeCamera, makeUser } from '#tests/helpers'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'

/** Two hosting households owed support, one that is not (planned camera), one installed later. */
async function hostingHouseholds(tag: string) {
  const owed = [
    await makeCamera(`HT ${tag} Bắc`, { installedOn: '2026-03-01' }, { monthlySupport: 100_000 }),
    await makeCamera(`HT ${tag} Nam`, {}, { monthlySupport: 150_000 }),
  ]
  await makeCamera(`HT ${tag} Chờ`, { status: 'planned' }, { monthlySupport: 90_000 })
  await makeCamera(`HT ${tag} Muộn`, { installedOn: '2027-02-01' }, { monthlySupport: 70_000 })
  return owed
}

async function supportLine(committee: User) {
  return saveBudgetLine({
    actor: actorFromUser(committee),
    fields: {
      fundId: (await Fund.default()).id,
      name: `Hỗ trợ hộ đặt camera ${Math.random()}`,
      approvedAmount: 10_000_000,
    },
  })
}

function run(client: ApiClient, treasurer: User, month: string, lineId: number) {
  return client
    .post('/support-payments')
    .loginAs(treasurer)
    .withCsrfToken()
    .redirects(0)
    .form({ month, budget_line_id: lineId })
}

async function liveRows(month: string) {
  return db
    .from('support_payments as p')
    .join('households as h', 'h.id', 'p.household_id')
    .where('p.month', month)
    .whereNull('p.voided_at')
    .orderBy('h.head_name')
    .select('h.head_name', 'p.amount', 'p.expense_id')
}

test.group('Household support: the monthly run', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the month lists who is owed; the run is one submitted expense the committee approves and the treasurer pays; a second run pays nobody twice', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const committee = await makeUser('committee')
    const line = await supportLine(committee)
    await hostingHouseholds('A')

    const page = await client.get('/support-payments?month=2026-11').loginAs(treasurer)
    page.assertStatus(200)
    assert.include(page.text(), 'Hộ HT A Bắc')
    assert.include(page.text(), 'Hộ HT A Nam')
    assert.notInclude(page.text(), 'Hộ HT A Chờ')
    assert.notInclude(page.text(), 'Hộ HT A Muộn')
    assert.match(page.text(), /2 hộ chưa được lập chi tháng 11\/2026, tổng <strong>250\.000/)

    const made = await run(client, treasurer, '2026-11', line.id)
    made.assertStatus(302)
    const rows = await liveRows('2026-11-01')
    assert.deepEqual(
      rows.map((r) => [r.head_name, Number(r.amount)]),
      [
        ['Hộ HT A Bắc', 100_000],
        ['Hộ HT A Nam', 150_000],
      ]
    )
    const expense = await db.from('expenses').where('id', rows[0].expense_id).firstOrFail()
    assert.equal(expense.status, 'submitted')
    assert.equal(Number(expense.amount), 250_000)
    assert.equal(expense.description, 'Hỗ trợ hộ đặt camera tháng 11/2026')
    assert.equal(made.header('location'), `/expenses/${expense.id}`)
    const expensePage = await client.get(`/expenses/${expense.id}`).loginAs(committee)
    assert.include(expensePage.text(), '2 hộ, tháng 11/2026')
    assert.include(expensePage.text(), 'href="/support-payments?month=2026-11"')
    assert.notInclude(expensePage.text(), 'Hộ HT A Bắc', 'names stay on the support page')

    const again = await run(client, treasurer, '2026-11', line.id)
    assert.equal(again.header('location'), '/support-payments?month=2026-11')
    assert.lengthOf(await liveRows('2026-11-01'), 2)
    assert.equal(
      Number(
        (await db.from('expenses').where('payee', 'like', 'Các hộ đặt camera%').count('* as n'))[0]
          .n
      ),
      1
    )

    await client
      .post(`/expenses/${expense.id}/approve`)
      .loginAs(committee)
      .withCsrfToken()
      .redirects(0)
    await client.post(`/expenses/${expense.id}/pay`).loginAs(treasurer).withCsrfToken().redirects(0)
    assert.equal((await db.from('expenses').where('id', expense.id).first()).status, 'paid')
    const after = await client.get('/support-payments?month=2026-11').loginAs(committee)
    assert.include(after.text(), `Khoản chi #${expense.id}`)
    assert.notInclude(after.text(), 'Chưa lập')
    assert.notInclude(after.text(), 'data-test="support-run"')
  })

  test('a rejected run frees its households for the next run; the database refuses a second live row', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const committee = await makeUser('committee')
    const line = await supportLine(committee)
    await hostingHouseholds('B')
    await run(client, treasurer, '2026-12', line.id)
    const [first] = await liveRows('2026-12-01')
    await client
      .post(`/expenses/${first.expense_id}/reject`)
      .loginAs(committee)
      .withCsrfToken()
      .form({ reason: 'Chưa có bảng kê ký nhận' })
    assert.equal(
      (await db.from('expenses').where('id', first.expense_id).first()).status,
      'rejected'
    )

    await run(client, treasurer, '2026-12', line.id)
    const second = await liveRows('2026-12-01')
    assert.lengthOf(second, 2)
    assert.notEqual(second[0].expense_id, first.expense_id)
    const voided = await db.from('support_payments').where('expense_id', first.expense_id)
    assert.isTrue(voided.every((r) => r.voided_at !== null))

    const household = await db.from('households').where('head_name', 'Hộ HT B Nam').firstOrFail()
    await assert.rejects(
      () =>
        db.table('support_payments').insert({
          household_id: household.id,
          month: '2026-12-01',
          amount: 150_000,
          expense_id: second[0].expense_id,
          created_by: treasurer.id,
        }),
      /support_payments_once/
    )
  })

  test('a month that is not a month, and a budget line that does not exist, are refused in Vietnamese', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const bad = await client
      .post('/support-payments')
      .loginAs(treasurer)
      .withCsrfToken()
      .header('accept', 'application/json')
      .form({ month: '2026-13', budget_line_id: 99999999 })
    bad.assertStatus(422)
    assert.lengthOf(bad.body().errors, 2)
    assert.lengthOf(await db.from('support_payments'), 0)
  })
})

/**
 * Two clicks at once need real, separate transactions: this group commits its rows and
 * removes them after (cameras and households deleted, the submitted expense put back to a
 * draft so it can be deleted).
 */
test.group('Household support: two clicks at once', () => {
  test('two runs posted at the same moment make one expense and pay each household once', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const committee = await makeUser('committee')
    const line = await supportLine(committee)
    const cameras = await hostingHouseholds('C')
    try {
      const [a, b] = await Promise.all([
        run(client, treasurer, '2026-10', line.id),
        run(client, treasurer, '2026-10', line.id),
      ])
      const places = [a.header('location'), b.header('location')].sort()
      const rows = await liveRows('2026-10-01')
      assert.lengthOf(rows, 2)
      assert.equal(rows[0].expense_id, rows[1].expense_id)
      assert.deepEqual(places, [
        `/expenses/${rows[0].expense_id}`,
        '/support-payments?month=2026-10',
      ])
    } finally {
      const all = await db.from('support_payments').where('month', '2026-10-01')
      const expenseIds = [...new Set(all.map((r) => r.expense_id))]
      await db.from('support_payments').whereIn('expense_id', expenseIds).delete()
      await db.from('expenses').whereIn('id', expenseIds).update({ status: 'draft' })
      await db.from('expenses').whereIn('id', expenseIds).delete()
      await db.from('budget_lines').where('id', line.id).delete()
      const all4 = await db
        .from('cameras')
        .where('name', 'like', 'HT C %')
        .select('id', 'household_id', 'location_id')
      await db
        .from('cameras')
        .whereIn(
          'id',
          all4.map((c) => c.id)
        )
        .delete()
      await db
        .from('households')
        .whereIn(
          'id',
          all4.map((c) => c.household_id)
        )
        .delete()
      await db
        .from('locations')
        .whereIn(
          'id',
          all4.map((c) => c.location_id)
        )
        .delete()
      await db
        .from('users')
        .whereIn('id', [treasurer.id, committee.id])
        .update({ disabled_at: new Date() })
      assert.lengthOf(cameras, 2)
    }
  })
})
