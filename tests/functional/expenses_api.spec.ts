import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { makeUser } from '#tests/helpers'

async function tokenFor(user: User) {
  return (await User.accessTokens.create(user)).value!.release()
}

test.group('API: the report’s figures through the workflow', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('118,500,000 raised, three expenses approved and paid: paid 133,812,000, balance -15,312,000', async ({
    client,
    assert,
  }) => {
    // Only this test's money counts: the camera fund starts empty in its transaction.
    const before = await db.from('donations').count('* as n')
    assert.equal(Number(before[0].n) > 0, false, 'no donations yet')

    const treasurer = await tokenFor(await makeUser('treasurer'))
    const chair = await tokenFor(await makeUser('committee'))
    const member = await tokenFor(await makeUser('committee'))
    const technician = await tokenFor(await makeUser('technician'))

    // Donations: an organisation, a household and many small gifts, 118,500,000 in all.
    const gifts = [60_000_000, 30_000_000, 20_000_000, 5_000_000, 2_500_000, 1_000_000]
    for (const [i, amount] of gifts.entries()) {
      const donor = await client
        .post('/api/v1/donors')
        .bearerToken(treasurer)
        .json({ kind: 'individual', name: `Người ủng hộ ${i + 1}`, confirm_duplicate: true })
      donor.assertStatus(201)
      const donation = await client.post('/api/v1/donations').bearerToken(treasurer).json({
        donor_id: donor.body().data.id,
        amount,
        received_on: '2026-03-10',
        method: 'cash',
      })
      donation.assertStatus(201)
    }

    // The committee sets the budget lines.
    const line = async (name: string, approved: number) => {
      const r = await client
        .post('/api/v1/budget-lines')
        .bearerToken(chair)
        .json({ name, approved_amount: approved })
      r.assertStatus(201)
      return r.body().data.id as number
    }
    const install = await line('Lắp đặt 26 camera', 128_690_000)
    const lighting = await line('Điện chiếu sáng', 3_500_000)
    const signs = await line('Biển báo', 1_300_000)

    // Three expenses: drafted (by the technician and the treasurer), submitted, approved, paid.
    const expenses = [
      {
        budget_line_id: install,
        payee: 'Nhà thầu',
        description: 'Lắp đặt 26 camera',
        amount: 128_690_000,
        contract_no: 'HĐ-01',
        by: treasurer,
      },
      {
        budget_line_id: lighting,
        payee: 'Điện lực',
        description: 'Điện chiếu sáng',
        amount: '3.822.000',
        voucher_no: 'PC-02',
        by: technician,
      },
      {
        budget_line_id: signs,
        payee: 'Cơ sở in',
        description: 'Biển báo',
        quantity: 10,
        unit_price: 130_000,
        by: treasurer,
      },
    ]
    for (const { by, ...body } of expenses) {
      const created = await client
        .post('/api/v1/expenses')
        .bearerToken(by)
        .json({ ...body, spent_on: '2026-05-10' })
      created.assertStatus(201)
      const id = created.body().data.id
      assert.equal(created.body().data.status, 'draft')
      ;(await client.post(`/api/v1/expenses/${id}/submit`).bearerToken(by)).assertStatus(200)
      const approved = await client.post(`/api/v1/expenses/${id}/approve`).bearerToken(chair)
      approved.assertStatus(200)
      assert.equal(approved.body().data.status, 'approved')
      const paid = await client.post(`/api/v1/expenses/${id}/pay`).bearerToken(treasurer)
      paid.assertStatus(200)
      assert.equal(paid.body().data.status, 'paid')
      assert.isNotNull(paid.body().data.paid.at)
    }

    const summary = await client.get('/api/v1/programme/summary').bearerToken(member)
    summary.assertStatus(200)
    const body = summary.body()
    assert.equal(body.raised, 118_500_000)
    assert.equal(body.paid, 133_812_000)
    assert.equal(body.committed, 0)
    assert.equal(body.balance, -15_312_000)
    const byName = Object.fromEntries(body.lines.map((l: any) => [l.name, l]))
    assert.deepInclude(byName['Lắp đặt 26 camera'], { approved: 128_690_000, paid: 128_690_000 })
    assert.deepInclude(byName['Biển báo'], { approved: 1_300_000, paid: 1_300_000 })
    // Overspending is allowed and shown: 3,822,000 paid against 3,500,000 approved.
    assert.deepInclude(byName['Điện chiếu sáng'], {
      approved: 3_500_000,
      paid: 3_822_000,
      remaining: -322_000,
    })
  })

  test('a treasurer cannot approve, a committee member cannot pay, nobody approves their own', async ({
    client,
    assert,
  }) => {
    const treasurerUser = await makeUser('treasurer')
    const treasurer = await tokenFor(treasurerUser)
    const chair = await tokenFor(await makeUser('committee'))
    const member = await tokenFor(await makeUser('committee'))
    const lineId = (
      await client
        .post('/api/v1/budget-lines')
        .bearerToken(chair)
        .json({ name: 'Sửa chữa', approved_amount: 0 })
    ).body().data.id
    ;(
      await client
        .post('/api/v1/budget-lines')
        .bearerToken(treasurer)
        .json({ name: 'X', approved_amount: 1 })
    ).assertStatus(403)

    const draft = await client.post('/api/v1/expenses').bearerToken(chair).json({
      budget_line_id: lineId,
      payee: 'Thợ điện',
      description: 'Thay nguồn camera',
      amount: 450_000,
      spent_on: '2026-06-01',
    })
    const id = draft.body().data.id
    ;(await client.post(`/api/v1/expenses/${id}/approve`).bearerToken(member)).assertStatus(409)
    await client.post(`/api/v1/expenses/${id}/submit`).bearerToken(chair)

    ;(await client.post(`/api/v1/expenses/${id}/approve`).bearerToken(treasurer)).assertStatus(403)
    const own = await client.post(`/api/v1/expenses/${id}/approve`).bearerToken(chair)
    own.assertStatus(409)
    assert.equal(
      own.body().errors[0].message,
      'Không được tự duyệt khoản chi do mình lập hoặc trình'
    )
    ;(await client.post(`/api/v1/expenses/${id}/pay`).bearerToken(treasurer)).assertStatus(409)

    ;(await client.post(`/api/v1/expenses/${id}/approve`).bearerToken(member)).assertStatus(200)
    ;(await client.post(`/api/v1/expenses/${id}/pay`).bearerToken(member)).assertStatus(403)
    ;(await client.post(`/api/v1/expenses/${id}/pay`).bearerToken(treasurer)).assertStatus(200)
    ;(await client.post(`/api/v1/expenses/${id}/pay`).bearerToken(treasurer)).assertStatus(409)

    const viewer = await tokenFor(await makeUser('viewer'))
    ;(await client.get('/api/v1/expenses').bearerToken(viewer)).assertStatus(200)
    ;(await client.post('/api/v1/expenses').bearerToken(viewer).json({})).assertStatus(403)
    ;(
      await client.get('/api/v1/expenses').bearerToken(await tokenFor(await makeUser('operator')))
    ).assertStatus(403)
    const admin = await tokenFor(await makeUser('admin'))
    ;(
      await client
        .post(`/api/v1/expenses/${id}/reverse`)
        .bearerToken(admin)
        .json({ reason: 'Thử quyền' })
    ).assertStatus(403)
  })

  test('a rejection needs a reason and is final; bad input gets Vietnamese errors', async ({
    client,
    assert,
  }) => {
    const author = await tokenFor(await makeUser('technician'))
    const chair = await tokenFor(await makeUser('committee'))
    const lineId = (
      await client
        .post('/api/v1/budget-lines')
        .bearerToken(chair)
        .json({ name: 'Sửa chữa', approved_amount: '2 triệu' })
    ).body().data.id

    const bad = await client.post('/api/v1/expenses').bearerToken(author).json({
      budget_line_id: lineId,
      payee: 'A',
      description: 'x',
      quantity: 10,
      spent_on: '2099-01-01',
    })
    bad.assertStatus(422)
    const fields = Object.fromEntries(bad.body().errors.map((e: any) => [e.field, e.message]))
    assert.equal(fields.payee, 'Người nhận phải có ít nhất 2 ký tự')
    assert.equal(fields.unit_price, 'Vui lòng nhập Đơn giá')
    assert.equal(fields.spent_on, 'Ngày chi không được ở tương lai')

    const draft = await client.post('/api/v1/expenses').bearerToken(author).json({
      budget_line_id: lineId,
      payee: 'Thợ điện',
      description: 'Dây điện',
      amount: 300_000,
      spent_on: '2026-06-01',
    })
    const id = draft.body().data.id
    await client.post(`/api/v1/expenses/${id}/submit`).bearerToken(author)
    const noReason = await client.post(`/api/v1/expenses/${id}/reject`).bearerToken(chair).json({})
    noReason.assertStatus(422)
    const rejected = await client
      .post(`/api/v1/expenses/${id}/reject`)
      .bearerToken(chair)
      .json({ reason: 'Thiếu hoá đơn' })
    assert.equal(rejected.body().data.status, 'rejected')
    assert.equal(rejected.body().data.rejection_reason, 'Thiếu hoá đơn')
    ;(await client.post(`/api/v1/expenses/${id}/approve`).bearerToken(chair)).assertStatus(409)
  })
})
