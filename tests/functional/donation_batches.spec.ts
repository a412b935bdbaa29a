import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DonationBatch from '#models/donation_batch'
import { countRows, makeDonor, makeUser } from '#tests/helpers'

test.group('Batch entry of a paper list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function openBatch(client: any, treasurer: any, count: number, total: string) {
    await client
      .post('/donation-batches')
      .loginAs(treasurer)
      .form({
        label: 'Danh sách thôn An Đại 1',
        expected_count: String(count),
        expected_total: total,
      })
      .withCsrfToken()
    return DonationBatch.query().orderBy('id', 'desc').firstOrFail()
  }

  function addRow(client: any, treasurer: any, batchId: number, row: Record<string, string>) {
    return client
      .post(`/donation-batches/${batchId}/rows`)
      .loginAs(treasurer)
      .form({ received_on: '2026-03-20', method: 'cash', ...row })
      .withCsrfToken()
      .redirects(0)
  }

  test('closes only when count and total match; then every row is in the ledger with a receipt', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const known = await makeDonor({ name: 'Võ Văn Em', village: 'An Đại 1' })
    const batch = await openBatch(client, treasurer, 3, '3,5 triệu')
    assert.equal(batch.expectedTotal, 3_500_000)
    const donationsBefore = await countRows('donations')

    await addRow(client, treasurer, batch.id, {
      donor_name: 'vo van em',
      donor_village: 'An Đại 1',
      amount: '1.000.000',
    })
    await addRow(client, treasurer, batch.id, {
      donor_name: 'Huỳnh Thị Giang',
      donor_village: 'An Đại 1',
      amount: '2.000.000',
    })
    const rows = await db.from('donation_batch_rows').where('batch_id', batch.id).orderBy('id')
    assert.equal(rows[0].donor_id, known.id, 'the same name in the same village is the known donor')

    const tooFew = await client
      .post(`/donation-batches/${batch.id}/close`)
      .loginAs(treasurer)
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      tooFew.flashMessage('error'),
      'Chưa chốt được: trên giấy 3 dòng, 3.500.000\u00a0đ; đã nhập 2 dòng, 3.000.000\u00a0đ'
    )
    assert.equal(await countRows('donations'), donationsBefore, 'nothing posted')

    // A wrong amount is typed, noticed (total off), removed and typed again.
    await addRow(client, treasurer, batch.id, { donor_id: String(known.id), amount: '5.000.000' })
    const wrongTotal = await client
      .post(`/donation-batches/${batch.id}/close`)
      .loginAs(treasurer)
      .withCsrfToken()
      .redirects(0)
    assert.include(wrongTotal.flashMessage('error'), 'đã nhập 3 dòng, 8.000.000\u00a0đ')
    const mistake = await db
      .from('donation_batch_rows')
      .where({ batch_id: batch.id, amount: 5_000_000 })
      .firstOrFail()
    await client
      .delete(`/donation-batches/${batch.id}/rows/${mistake.id}`)
      .loginAs(treasurer)
      .withCsrfToken()
    await addRow(client, treasurer, batch.id, { donor_id: String(known.id), amount: '500.000' })

    const closed = await client
      .post(`/donation-batches/${batch.id}/close`)
      .loginAs(treasurer)
      .withCsrfToken()
      .redirects(0)
    assert.equal(closed.flashMessage('success'), 'Đã chốt danh sách, các khoản đã được ghi vào sổ')
    const posted = await db.from('donations').where('batch_id', batch.id).orderBy('id')
    assert.lengthOf(posted, 3)
    assert.equal(
      posted.reduce((sum, d) => sum + d.amount, 0),
      3_500_000
    )
    for (const d of posted) assert.match(d.receipt_no, /^PT-2026-\d{4}$/)
    await batch.refresh()
    assert.equal(batch.status, 'closed')

    // A closed batch cannot change.
    const late = await addRow(client, treasurer, batch.id, {
      donor_id: String(known.id),
      amount: '1000',
    })
    assert.equal(late.flashMessage('error'), 'Danh sách này đã chốt, không thay đổi được')
    assert.equal(await countRows('donation_batch_rows', { batch_id: batch.id }), 3)
  })

  test('a row with a bad amount is refused in Vietnamese; a row needs a donor', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const batch = await openBatch(client, treasurer, 1, '1000000')
    const response = await addRow(client, treasurer, batch.id, { amount: 'một triệu' })
    const errors = response.flashMessage('inputErrorsBag')
    assert.deepEqual(errors.donor_name, [
      'Chọn người ủng hộ trong danh sách hoặc nhập tên người ủng hộ mới',
    ])
    assert.match(errors.amount[0], /^Số tiền phải là số tiền nguyên đồng/)
    assert.equal(await countRows('donation_batch_rows', { batch_id: batch.id }), 0)

    const badBatch = await client
      .post('/donation-batches')
      .loginAs(treasurer)
      .form({ label: 'X', expected_count: '0', expected_total: '0' })
      .withCsrfToken()
      .redirects(0)
    const batchErrors = badBatch.flashMessage('inputErrorsBag') as Record<string, string[]>
    assert.deepEqual(batchErrors.expected_count, ['Số dòng trên giấy phải lớn hơn hoặc bằng 1'])
    assert.match(batchErrors.expected_total[0], /^Tổng tiền trên giấy phải là số tiền nguyên đồng/)
  })
})
