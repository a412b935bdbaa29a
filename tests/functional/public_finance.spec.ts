import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import ReverseDonation from '#actions/donations/reverse_donation'
import seedSampleDonations, { SAMPLE_TOTAL } from '#actions/demo/seed_sample_donations'
import seedSampleSpending, { SAMPLE_SPENT } from '#actions/demo/seed_sample_spending'
import { programmeMoney } from '#services/finance/programme_money'
import { systemActor } from '#services/audit'
import { makeDonor, makeUser, recordDonation } from '#tests/helpers'

test.group('Công khai tài chính (public, no login)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the total raised and the honour roll; anonymous donors are masked; reversed gifts do not count', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const known = await makeDonor({
      name: 'Công ty Hoàng Long',
      kind: 'organisation',
      village: 'Chợ Tre',
    })
    const shy = await makeDonor({
      name: 'Bà Tư bán cá',
      village: 'Năng Tây 3',
      anonymousPublic: true,
      phone: '0911111111',
    })
    const undone = await makeDonor({ name: 'Người nhập nhầm' })
    await recordDonation(treasurer, known.id, 15_000_000)
    await recordDonation(treasurer, shy.id, 2_000_000)
    const wrong = await recordDonation(treasurer, undone.id, 9_000_000)
    await ReverseDonation.handle({
      actor: systemActor('test'),
      enteredBy: treasurer.id,
      donationId: wrong.id,
      reason: 'Nhầm',
    })

    const response = await client.get('/cong-khai')
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Công khai tài chính')
    assert.include(html, 'Công ty Hoàng Long')
    assert.include(html, 'Nhà hảo tâm ẩn danh')
    assert.notInclude(html, 'Bà Tư bán cá')
    assert.notInclude(html, 'Năng Tây 3', 'an anonymous donor’s village is not shown either')
    assert.notInclude(html, '0911111111')
    assert.notInclude(html, 'Người nhập nhầm')
    const [{ net }] = await db.from('donations').sum('amount as net')
    assert.include(html, `data-test="public-raised"`)
    assert.match(html, new RegExp(`${new Intl.NumberFormat('vi-VN').format(Number(net))}\u00a0đ`))
  })
})

test.group('Công khai tài chính for someone signed in', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('keeps their menu and name (the page is outside the login wall)', async ({
    client,
    assert,
  }) => {
    const committee = await makeUser('committee')
    const response = await client.get('/cong-khai').loginAs(committee)
    response.assertTextIncludes(committee.fullName)
    response.assertTextIncludes('href="/donations"')
    assert.notInclude(response.text(), 'href="/login"')
  })
})

test.group('Sample data (node ace db:seed)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('sample donors, flagged as samples, give exactly 118,500,000 đ to the camera programme, once', async ({
    assert,
  }) => {
    await seedSampleDonations()
    const again = await seedSampleDonations()
    assert.equal(again.created, 0, 'a second run adds nothing')
    const [row] = await db
      .from('donations')
      .join('donors', 'donors.id', 'donations.donor_id')
      .join('funds', 'funds.id', 'donations.fund_id')
      .where('donors.is_sample', true)
      .where('funds.code', 'camera')
      .sum('donations.amount as total')
      .count('* as entries')
    assert.equal(Number(row.total), SAMPLE_TOTAL)
    assert.equal(SAMPLE_TOTAL, 118_500_000)
    const unflagged = await db
      .from('donors')
      .where('is_sample', true)
      .whereNull('note')
      .count('* as n')
    assert.equal(Number(unflagged[0].n), 0)
    const clerk = await db.from('users').where('email', 'du-lieu-mau@localhost').firstOrFail()
    assert.isNotNull(clerk.disabled_at, 'the sample clerk cannot sign in')
  })

  test('the report’s three paid expenses give the report’s shortfall; the public page shows it', async ({
    assert,
    client,
  }) => {
    await seedSampleDonations()
    await seedSampleSpending()
    assert.equal((await seedSampleSpending()).created, 0, 'once only')
    const summary = await programmeMoney('all')
    assert.equal(summary.paid, SAMPLE_SPENT)
    assert.equal(summary.balance, 118_500_000 - 133_812_000)
    assert.equal(summary.balance, -15_312_000)
    const contract = await db.from('expenses').where('amount', 128_690_000).firstOrFail()
    const shares = await db.from('expense_allocations').where('expense_id', contract.id)
    assert.lengthOf(shares, 26)
    assert.equal(
      shares.reduce((s, r) => s + r.amount, 0),
      128_690_000
    )

    const page = await client.get('/cong-khai')
    page.assertTextIncludes('133.812.000\u00a0đ')
    // The shortfall reads as what is missing, not as a negative balance.
    page.assertTextIncludes('Thiếu hụt')
    page.assertTextIncludes('15.312.000\u00a0đ')
    assert.notInclude(page.text(), '-15.312.000')
  })
})
