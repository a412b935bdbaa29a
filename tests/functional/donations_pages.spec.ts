import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Donation from '#models/donation'
import { countRows, makeDonor, makeUser, recordDonation } from '#tests/helpers'

test.group('Recording donations on the pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the treasurer records a donation typed as "118.500.000" and gets a receipt number', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const donor = await makeDonor({ name: 'Công ty Minh Phát', kind: 'organisation' })
    const response = await client
      .post('/donations')
      .loginAs(treasurer)
      .form({
        donor_id: String(donor.id),
        amount: '118.500.000',
        received_on: '2026-03-15',
        method: 'bank_transfer',
        note: 'Đợt 1',
      })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const donation = await Donation.query().where('donor_id', donor.id).firstOrFail()
    assert.equal(donation.amount, 118_500_000)
    assert.equal(donation.receivedOn, '2026-03-15')
    assert.match(donation.receiptNo!, /^PT-2026-\d{4}$/)
    assert.equal(donation.enteredBy, treasurer.id)
    assert.equal(response.header('location'), `/donations/${donation.id}`)
    assert.include(response.flashMessage('success'), donation.receiptNo!)

    const receipt = await client.get(`/donations/${donation.id}/receipt`).loginAs(treasurer)
    receipt.assertStatus(200)
    receipt.assertTextIncludes(donation.receiptNo!)
    receipt.assertTextIncludes('118.500.000\u00a0đ')
    receipt.assertTextIncludes('Một trăm mười tám triệu năm trăm nghìn đồng')
    receipt.assertTextIncludes('PHIẾU THU TIỀN ỦNG HỘ')
    receipt.assertTextIncludes('Ngày 15 tháng 03 năm 2026')
  })

  test('bad amounts, future dates, unknown donors and in-kind without description are refused in Vietnamese', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const before = await countRows('donations')
    const response = await client
      .post('/donations')
      .loginAs(treasurer)
      .form({ donor_id: '999999', amount: '-5000', received_on: '2099-01-01', method: 'in_kind' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const errors = response.flashMessage('inputErrorsBag')
    assert.deepEqual(errors.donor_id, ['Người ủng hộ không tồn tại'])
    assert.deepEqual(errors.amount, [
      'Số tiền phải là số tiền nguyên đồng lớn hơn 0 (ví dụ 5.000.000 hoặc 5 triệu)',
    ])
    assert.deepEqual(errors.received_on, ['Ngày nhận không được ở tương lai'])
    assert.deepEqual(errors.in_kind_description, ['Vui lòng nhập Mô tả hiện vật'])
    assert.equal(await countRows('donations'), before)

    const empty = await client
      .post('/donations')
      .loginAs(treasurer)
      .form({ amount: '', received_on: '15/03/2026', method: 'cash' })
      .withCsrfToken()
      .redirects(0)
    const emptyErrors = empty.flashMessage('inputErrorsBag')
    assert.deepEqual(emptyErrors.amount, ['Vui lòng nhập Số tiền'])
    assert.deepEqual(emptyErrors.donor_name, [
      'Chọn người ủng hộ trong danh sách hoặc nhập tên người ủng hộ mới',
    ])
    assert.notProperty(emptyErrors, 'received_on', '15/03/2026 is accepted as a date')
  })

  test('reversing needs a reason; the list strikes the original through and the total drops', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const donor = await makeDonor({ name: 'Lê Văn Cường' })
    const keep = await recordDonation(treasurer, donor.id, 3_000_000)
    const wrong = await recordDonation(treasurer, donor.id, 5_000_000)

    const noReason = await client
      .post(`/donations/${wrong.id}/reverse`)
      .loginAs(treasurer)
      .form({ reason: '' })
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(noReason.flashMessage('inputErrorsBag').reason, ['Vui lòng nhập Lý do'])

    await client
      .post(`/donations/${wrong.id}/reverse`)
      .loginAs(treasurer)
      .form({ reason: 'Nhập nhầm số tiền, đúng là 500.000' })
      .withCsrfToken()
    const reversal = await db.from('donations').where('reverses_id', wrong.id).firstOrFail()
    assert.equal(reversal.amount, -5_000_000)
    assert.equal(reversal.entered_by, treasurer.id)

    const again = await client
      .post(`/donations/${wrong.id}/reverse`)
      .loginAs(treasurer)
      .form({ reason: 'Huỷ lần hai' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      again.flashMessage('error'),
      'Không thể huỷ: khoản này đã được huỷ hoặc là một bút toán huỷ'
    )

    const list = await client.get(`/donations?donor_id=${donor.id}`).loginAs(treasurer)
    list.assertStatus(200)
    const html = list.text()
    assert.match(
      html,
      new RegExp(
        `<tr class="reversed [^"]*"[^>]*>\\s*<td class="nowrap">\\s*<a href="/donations/${wrong.id}">`
      )
    )
    assert.include(html, 'Đã huỷ: Nhập nhầm số tiền, đúng là 500.000')
    assert.include(html, `Huỷ phiếu ${wrong.receipt_no}`)
    assert.include(
      html,
      '3.000.000\u00a0đ</strong>',
      'net total = 3,000,000 + 5,000,000 - 5,000,000'
    )
    assert.notInclude(
      html,
      `<tr class="reversed [^"]*"[^>]*>\\s*<td class="nowrap">\\s*<a href="/donations/${keep.id}">`
    )

    const receipt = await client.get(`/donations/${wrong.id}/receipt`).loginAs(treasurer)
    receipt.assertTextIncludes('PHIẾU ĐÃ HUỶ. Lý do: Nhập nhầm số tiền')
  })

  test('list filters by date, fund and method; everyone who reads sees it, others do not', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const donor = await makeDonor({ name: 'Phạm Thị Dung' })
    await recordDonation(treasurer, donor.id, 1_000_000, { receivedOn: '2026-01-10' })
    await recordDonation(treasurer, donor.id, 2_000_000, {
      receivedOn: '2026-02-10',
      method: 'bank_transfer',
    })
    const viewer = await makeUser('viewer')
    const feb = await client
      .get(`/donations?donor_id=${donor.id}&from=2026-02-01&to=2026-02-28`)
      .loginAs(viewer)
    feb.assertStatus(200)
    assert.include(feb.text(), '2.000.000\u00a0đ</strong>')
    const cash = await client.get(`/donations?donor_id=${donor.id}&method=cash`).loginAs(viewer)
    assert.include(cash.text(), '1.000.000\u00a0đ</strong>')
    ;(await client.get('/donations').loginAs(await makeUser('operator'))).assertStatus(403)
    ;(await client.get('/donations/create').loginAs(viewer)).assertStatus(403)
  })
})
