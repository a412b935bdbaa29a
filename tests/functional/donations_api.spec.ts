import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import {
  countRows,
  makeDonor,
  makeUser,
  recordDonation,
  removeCommittedDonations,
} from '#tests/helpers'

async function tokenFor(user: User) {
  return (await User.accessTokens.create(user)).value!.release()
}

test.group('API: donors and donations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('create, list and show donors; a likely duplicate is a 409 with the candidates', async ({
    client,
    assert,
  }) => {
    const token = await tokenFor(await makeUser('treasurer'))
    const created = await client
      .post('/api/v1/donors')
      .bearerToken(token)
      .json({ kind: 'individual', name: 'Hồ Thị Mai', village: 'An Đại 1', phone: '0987 654 321' })
    created.assertStatus(201)
    const id = created.body().data.id
    assert.equal(created.body().data.phone, '0987654321')

    const dup = await client
      .post('/api/v1/donors')
      .bearerToken(token)
      .json({ kind: 'individual', name: 'HO THI MAI' })
    dup.assertStatus(409)
    assert.equal(dup.body().errors[0].code, 'E_LIKELY_DUPLICATE')
    assert.equal(dup.body().errors[0].candidates[0].id, id)

    const forced = await client
      .post('/api/v1/donors')
      .bearerToken(token)
      .json({ kind: 'individual', name: 'HO THI MAI', confirm_duplicate: true })
    forced.assertStatus(201)

    const list = await client.get('/api/v1/donors?q=mai').bearerToken(token)
    list.assertStatus(200)
    assert.lengthOf(list.body().data, 2)
    const show = await client.get(`/api/v1/donors/${id}`).bearerToken(token)
    show.assertBodyContains({ data: { id, name: 'Hồ Thị Mai' } })
    ;(await client.get('/api/v1/donors/999999').bearerToken(token)).assertStatus(404)
  })

  test('create a donation, filter the list, reverse it, and read the fund summary', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const token = await tokenFor(treasurer)
    const donor = await makeDonor({ name: 'Ngô Văn Nam' })
    const other = await makeDonor({ name: 'Dương Thị Oanh' })
    await recordDonation(treasurer, other.id, 700_000, { receivedOn: '2026-01-05' })

    const created = await client.post('/api/v1/donations').bearerToken(token).json({
      donor_id: donor.id,
      amount: 2_000_000,
      received_on: '2026-03-15',
      method: 'cash',
      note: 'Qua trưởng thôn',
    })
    created.assertStatus(201)
    const donation = created.body().data
    assert.match(donation.receipt_no, /^PT-2026-\d{4}$/)
    assert.equal(donation.amount, 2_000_000)
    assert.equal(donation.received_on, '2026-03-15')

    const filtered = await client
      .get(`/api/v1/donations?donor_id=${donor.id}&from=2026-03-01&to=2026-03-31`)
      .bearerToken(token)
    assert.deepEqual(
      filtered.body().data.map((d: any) => d.id),
      [donation.id]
    )
    assert.equal(filtered.body().meta.net_amount, 2_000_000)

    const noReason = await client
      .post(`/api/v1/donations/${donation.id}/reverse`)
      .bearerToken(token)
      .json({})
    noReason.assertStatus(422)
    assert.equal(noReason.body().errors[0].field, 'reason')
    assert.equal(noReason.body().errors[0].message, 'Vui lòng nhập Lý do')

    const reversed = await client
      .post(`/api/v1/donations/${donation.id}/reverse`)
      .bearerToken(token)
      .json({ reason: 'Trùng với phiếu giấy đã nhập' })
    reversed.assertStatus(201)
    assert.equal(reversed.body().data.amount, -2_000_000)
    assert.equal(reversed.body().data.reverses_id, donation.id)
    const twice = await client
      .post(`/api/v1/donations/${donation.id}/reverse`)
      .bearerToken(token)
      .json({ reason: 'Lần nữa' })
    twice.assertStatus(409)

    const shown = await client.get(`/api/v1/donations/${donation.id}`).bearerToken(token)
    assert.equal(shown.body().data.reversed_by.reason, 'Trùng với phiếu giấy đã nhập')

    const summary = await client.get('/api/v1/funds/summary').bearerToken(token)
    summary.assertStatus(200)
    const camera = summary.body().data.find((f: any) => f.code === 'camera')
    const [expected] = await db
      .from('donations')
      .join('funds', 'funds.id', 'donations.fund_id')
      .where('funds.code', 'camera')
      .sum('amount as total')
    assert.equal(camera.raised, Number(expected.total))
    assert.equal(camera.reversed, -2_000_000)
  })

  test('validation errors are JSON, one per field, in Vietnamese', async ({ client, assert }) => {
    const token = await tokenFor(await makeUser('treasurer'))
    const response = await client
      .post('/api/v1/donations')
      .bearerToken(token)
      .json({ donor_id: 'x', amount: 10.5, received_on: '31/02/2026', method: 'bitcoin' })
    response.assertStatus(422)
    const fields = Object.fromEntries(response.body().errors.map((e: any) => [e.field, e.message]))
    assert.equal(fields.donor_id, 'Người ủng hộ phải là số')
    assert.match(fields.amount, /^Số tiền phải là số tiền nguyên đồng/)
    assert.equal(fields.received_on, 'Ngày nhận không phải ngày hợp lệ (ngày/tháng/năm)')
    assert.equal(fields.method, 'Hình thức không hợp lệ')
  })

  test('a donation for a new donor adds the donor with it; a look-alike is held back until confirmed', async ({
    client,
    assert,
  }) => {
    const token = await tokenFor(await makeUser('treasurer'))
    const body = {
      donor_name: 'Bà Phan Thị Mai',
      donor_village: 'Thôn An Đại 1',
      amount: '500.000',
      received_on: '2026-03-02',
      method: 'cash',
    }
    const first = await client.post('/api/v1/donations').bearerToken(token).json(body)
    first.assertStatus(201)
    const donor = await db.from('donors').where('name', 'Bà Phan Thị Mai').firstOrFail()
    assert.equal(first.body().data.donor_id, donor.id)

    const again = await client.post('/api/v1/donations').bearerToken(token).json(body)
    again.assertStatus(409)
    assert.equal(again.body().errors[0].candidates[0].id, donor.id)
    assert.equal(await countRows('donors', { name: 'Bà Phan Thị Mai' }), 1)

    const confirmed = await client
      .post('/api/v1/donations')
      .bearerToken(token)
      .json({ ...body, confirm_duplicate: true })
    confirmed.assertStatus(201)
    assert.equal(await countRows('donors', { name: 'Bà Phan Thị Mai' }), 2)

    const neither = await client
      .post('/api/v1/donations')
      .bearerToken(token)
      .json({ amount: '500.000', received_on: '2026-03-02', method: 'cash' })
    neither.assertStatus(422)
    assert.equal(
      neither.body().errors.find((e: any) => e.field === 'donor_name').message,
      'Chọn người ủng hộ trong danh sách hoặc nhập tên người ủng hộ mới'
    )
  })

  test('only the treasurer writes through the API; committee reads', async ({ client }) => {
    const donor = await makeDonor()
    const committee = await tokenFor(await makeUser('committee'))
    ;(await client.get('/api/v1/donations').bearerToken(committee)).assertStatus(200)
    ;(await client.get('/api/v1/funds/summary').bearerToken(committee)).assertStatus(200)
    const post = await client
      .post('/api/v1/donations')
      .bearerToken(committee)
      .json({ donor_id: donor.id, amount: 1000, received_on: '2026-03-01', method: 'cash' })
    post.assertStatus(403)
    const operator = await tokenFor(await makeUser('operator'))
    ;(await client.get('/api/v1/donations').bearerToken(operator)).assertStatus(403)
    ;(await client.get('/api/v1/donations')).assertStatus(401)
  })
})

/*
 * Parallel HTTP requests need real commits (each request runs in its own transaction),
 * so this group does not use the global transaction. It records in 2019, a year no other
 * test uses, and removes what it committed (the append-only trigger is switched off only
 * inside the clean-up transaction).
 */
test.group('API: receipt numbers under parallel requests', (group) => {
  const donorIds: number[] = []
  group.each.teardown(() => removeCommittedDonations(2019, donorIds))

  test('twenty simultaneous POSTs get twenty distinct numbers with no gap', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const token = await tokenFor(treasurer)
    const donor = await makeDonor({ name: 'Song song' })
    donorIds.push(donor.id)
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client
          .post('/api/v1/donations')
          .bearerToken(token)
          .json({
            donor_id: donor.id,
            amount: 100_000 + i,
            received_on: '2019-06-01',
            method: 'cash',
          })
      )
    )
    for (const r of responses) r.assertStatus(201)
    const numbers = responses.map((r) => r.body().data.receipt_no as string).sort()
    assert.deepEqual(
      numbers,
      Array.from({ length: 20 }, (_, i) => `PT-2019-${String(i + 1).padStart(4, '0')}`)
    )
  })
})
