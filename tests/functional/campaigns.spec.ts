import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Fund from '#models/fund'
import saveBudgetLine from '#actions/budget_lines/save_budget_line'
import { createExpense } from '#actions/expenses/save_expense'
import { approveExpense, payExpense, submitExpense } from '#actions/expenses/workflow'
import {
  actorFromUser,
  makeCamera,
  makeDonor,
  makeUser,
  recordDonation,
  words,
} from '#tests/helpers'
import seedSampleDonations from '#actions/demo/seed_sample_donations'
import seedSampleSpending from '#actions/demo/seed_sample_spending'
import seedSampleCameras from '#actions/demo/seed_sample_cameras'
import seedNextSteps from '#actions/demo/seed_next_steps'

test.group('Campaigns with a target (issue 24)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a campaign from its target to what it bought, with the cameras it paid for', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const committee = await makeUser('committee')
    const technician = await makeUser('technician')

    // The treasurer opens the campaign with its goal.
    const opened = await client
      .post('/funds')
      .loginAs(treasurer)
      .withCsrfToken()
      .redirects(0)
      .form({
        name: 'Lắp 2 camera thôn An Đại 2',
        code: 'an-dai-2',
        purpose: 'Hai camera ở ngã ba An Đại 2',
        target_amount: '60.000.000',
        target_deadline: '2027-03-31',
      })
    opened.assertStatus(302)
    const fund = await Fund.findByOrFail('code', 'an-dai-2')
    assert.equal(fund.targetAmount, 60_000_000)
    assert.equal(fund.targetDeadline, '2027-03-31')

    // The technician has registered the two planned cameras; the treasurer links them.
    const north = await makeCamera('An Đại 2 Bắc', { status: 'planned' })
    const south = await makeCamera('An Đại 2 Nam', { status: 'planned' })
    const edit = await client.get(`/funds/${fund.id}/edit`).loginAs(treasurer)
    assert.include(edit.text(), north.code)
    await client
      .put(`/funds/${fund.id}`)
      .loginAs(treasurer)
      .withCsrfToken()
      .redirects(0)
      .form({
        name: fund.name,
        purpose: 'Hai camera ở ngã ba An Đại 2',
        target_amount: '60000000',
        target_deadline: '2027-03-31',
        camera_ids: [north.id, south.id],
      })
    assert.deepEqual(
      (await db.from('cameras').where('fund_id', fund.id).orderBy('id')).map((c) => c.code),
      [north.code, south.code]
    )

    // Two donors give; one asked not to be named.
    const named = await makeDonor({ name: 'Trần Văn Hữu' })
    const hidden = await makeDonor({ name: 'Lê Thị Kín', anonymousPublic: true })
    await recordDonation(treasurer, named.id, 25_000_000, { fundId: fund.id })
    await recordDonation(treasurer, hidden.id, 15_000_000, { fundId: fund.id })

    const page = await client.get(`/funds/${fund.id}`).loginAs(committee)
    page.assertStatus(200)
    const text = words(page.text())
    assert.include(text, '40.000.000 đ / 60.000.000 đ (66%)')
    assert.include(text, 'còn thiếu 20.000.000 đ')
    assert.include(text, 'Trần Văn Hữu')
    assert.notInclude(text, 'Lê Thị Kín')
    assert.include(text, '0/2 camera đã đưa vào hoạt động')

    const publicPage = words((await client.get('/cong-khai')).text())
    assert.include(publicPage, 'Lắp 2 camera thôn An Đại 2')
    assert.include(publicPage, '40.000.000 đ / 60.000.000 đ (66%)')
    assert.notInclude(publicPage, 'Lê Thị Kín')

    // Spent: the cameras are bought from a line of the campaign's fund and go into service.
    const line = await saveBudgetLine({
      actor: actorFromUser(committee),
      fields: { fundId: fund.id, name: 'Mua và lắp 2 camera', approvedAmount: 36_000_000 },
    })
    const expense = await createExpense({
      actor: actorFromUser(treasurer),
      fields: {
        budgetLineId: line.id,
        payee: 'Công ty Viễn thông Tre',
        description: '2 camera ngoài trời và công lắp',
        amount: 36_000_000,
        spentOn: '2026-11-20',
      },
    })
    await submitExpense({ actor: actorFromUser(treasurer), expenseId: expense.id })
    await approveExpense({ actor: actorFromUser(committee), expenseId: expense.id })
    await payExpense({ actor: actorFromUser(treasurer), expenseId: expense.id })
    await db.from('cameras').whereIn('id', [north.id, south.id]).update({ status: 'active' })

    const spent = words((await client.get(`/funds/${fund.id}`).loginAs(treasurer)).text())
    assert.include(spent, '2 camera ngoài trời và công lắp')
    assert.include(spent, 'Đã chi 36.000.000 đ')
    assert.include(spent, '2/2 camera đã đưa vào hoạt động')

    // The camera links back to the campaign that paid for it.
    const cameraPage = await client.get(`/cameras/${north.id}`).loginAs(technician)
    assert.include(words(cameraPage.text()), 'Quỹ chi Lắp 2 camera thôn An Đại 2')
    const forCommittee = await client.get(`/cameras/${north.id}`).loginAs(committee)
    assert.include(forCommittee.text(), `href="/funds/${fund.id}"`)
  })

  test('a camera another campaign pays for is not linked twice, and a bad goal is refused in Vietnamese', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const first = await Fund.create({ code: 'dot-1', name: 'Đợt 1', isDefault: false })
    const second = await Fund.create({ code: 'dot-2', name: 'Đợt 2', isDefault: false })
    const camera = await makeCamera('Chợ Tre', { status: 'planned' })
    await db.from('cameras').where('id', camera.id).update({ fund_id: first.id })

    const refused = await client
      .put(`/funds/${second.id}`)
      .loginAs(treasurer)
      .withCsrfToken()
      .redirects(0)
      .form({ name: 'Đợt 2', camera_ids: [camera.id] })
    assert.equal(refused.header('location'), `/funds/${second.id}/edit`)
    assert.equal((await db.from('cameras').where('id', camera.id).first()).fund_id, first.id)

    const bad = await client
      .put(`/funds/${second.id}`)
      .loginAs(treasurer)
      .withCsrfToken()
      .header('accept', 'application/json')
      .form({ name: 'Đợt 2', target_amount: '-5', target_deadline: '31/02/2027' })
    bad.assertStatus(422)
    const fields = bad
      .body()
      .errors.map((e: { field: string }) => e.field)
      .sort()
    assert.deepEqual(fields, ['target_amount', 'target_deadline'])
  })
})

test.group('Sample data for the next steps (node ace db:seed)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a campaign with its cameras, a connected camera under agreement, a contribution scheme with payments; once', async ({
    client,
    assert,
  }) => {
    await seedSampleDonations()
    await seedSampleSpending()
    await seedSampleCameras()
    assert.equal((await seedNextSteps()).created, 1)
    assert.equal((await seedNextSteps()).created, 0, 'a second run adds nothing')

    const campaign = await Fund.findByOrFail('code', 'an-dai-2')
    const publicPage = words((await client.get('/cong-khai')).text())
    assert.include(publicPage, '20.000.000 đ / 90.000.000 đ (22%)')
    assert.lengthOf(await db.from('cameras').where('fund_id', campaign.id), 2)

    const connected = await db.from('cameras').where('owner_kind', 'business').firstOrFail()
    assert.equal(connected.status, 'active')
    assert.equal(connected.retention_days, 15)

    const scheme = await db.from('contribution_schemes').firstOrFail()
    const committee = await makeUser('committee')
    const page = await client.get(`/contributions/${scheme.id}`).loginAs(committee)
    page.assertStatus(200)
    assert.match(words(page.text()), /Hộ đã nộp đủ 2 Đã nộp 100\.000 đ/)
    const upkeep = await client.get('/reports/upkeep').loginAs(committee)
    upkeep.assertStatus(200)
    const police = words((await client.get('/reports/police-month').loginAs(committee)).text())
    assert.match(police, /MAU-01\/\d{4} Tai nạn giao thông Công an xã .* Thiếu 30:00 trong 30:00/)
  })
})
