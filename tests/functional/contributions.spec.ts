import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Fund from '#models/fund'
import { makeDonor, makeUser, recordDonation, words } from '#tests/helpers'

test.group('Household contributions (issue 24)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a scheme across two thôn: partial payments, the unpaid list per thôn, the collection rate', async ({
    client,
    assert,
  }) => {
    const committee = await makeUser('committee')
    const treasurer = await makeUser('treasurer')
    const upkeep = await Fund.create({
      code: 'bao-tri',
      name: 'Quỹ duy trì camera',
      isDefault: false,
    })
    const camera = await Fund.default()
    const a = (name: string) => makeDonor({ name, village: 'Thôn Hạ' })
    const b = (name: string) => makeDonor({ name, village: 'Đồng Lạc' })
    const [an, binh, cuc] = [await a('Hộ Lê An'), await a('Hộ Mai Bình'), await a('Hộ Tạ Cúc')]
    const [dung, em] = [await b('Hộ Vũ Dũng'), await b('Hộ Hà Em')]
    // The same thôn typed another way in the register (capitals, spaces) is the same thôn.
    const giang = await makeDonor({ name: 'Hộ Lưu Giang', village: ' ĐỒNG LẠC ' })
    await makeDonor({ name: 'HTX Thôn Hạ', village: 'Thôn Hạ', kind: 'organisation' })
    await makeDonor({ name: 'Hộ Ngoài Xóm', village: 'Thôn Giữa' })

    const created = await client
      .post('/contributions')
      .loginAs(committee)
      .withCsrfToken()
      .redirects(0)
      .form({
        name: 'Đóng góp duy trì camera năm 2026',
        fund_id: upkeep.id,
        year: 2026,
        amount_per_household: '50.000',
        villages: ['Thôn Hạ', 'Đồng Lạc'],
      })
    const scheme = await db.from('contribution_schemes').where('fund_id', upkeep.id).firstOrFail()
    assert.equal(created.header('location'), `/contributions/${scheme.id}`)
    const pledged = await db.from('pledges').where('scheme_id', scheme.id)
    assert.sameMembers(
      pledged.map((p) => p.donor_id),
      [an.id, binh.id, cuc.id, dung.id, em.id, giang.id],
      'the individuals of the two thôn, not the cooperative nor another thôn'
    )

    // Payments are ordinary donations to the scheme's fund within its year.
    await recordDonation(treasurer, an.id, 50_000, { fundId: upkeep.id, receivedOn: '2026-03-01' })
    await recordDonation(treasurer, binh.id, 20_000, {
      fundId: upkeep.id,
      receivedOn: '2026-03-02',
    })
    await recordDonation(treasurer, dung.id, 50_000, {
      fundId: upkeep.id,
      receivedOn: '2026-04-01',
    })
    await recordDonation(treasurer, em.id, 50_000, { fundId: camera.id, receivedOn: '2026-04-01' })
    await recordDonation(treasurer, cuc.id, 50_000, { fundId: upkeep.id, receivedOn: '2025-12-20' })

    const page = await client.get(`/contributions/${scheme.id}`).loginAs(committee)
    page.assertStatus(200)
    const text = words(page.text())
    assert.include(text, 'Số hộ 6 Hộ đã nộp đủ 2 Đã nộp 120.000 đ Tỷ lệ thu 33')
    assert.match(text, /Thôn Hạ 3 1 70\.000 đ \/ 150\.000 đ 33(,3)? ?%/)
    assert.match(text, /Đồng Lạc 3 1 50\.000 đ \/ 150\.000 đ 33(,3)? ?%/)

    const unpaid = words(
      (
        await client
          .get(`/contributions/${scheme.id}`)
          .qs({ village: 'Thôn Hạ', unpaid: 'true' })
          .loginAs(treasurer)
      ).text()
    )
    assert.include(unpaid, 'Hộ Mai Bình Thôn Hạ 50.000 đ 20.000 đ Còn 30.000 đ')
    assert.include(unpaid, 'Hộ Tạ Cúc Thôn Hạ 50.000 đ 0 đ Còn 50.000 đ')
    assert.notInclude(unpaid, 'Hộ Lê An')
    assert.notInclude(unpaid, 'Hộ Vũ Dũng')

    const list = await client
      .get(`/contributions/${scheme.id}/collection-list`)
      .qs({ village: 'Thôn Hạ' })
      .loginAs(treasurer)
    const listText = words(list.text())
    assert.include(listText, '1 Hộ Mai Bình')
    assert.include(listText, '2 Hộ Tạ Cúc')
    assert.include(listText, 'Tổng cộng 80.000 đ')
    assert.notInclude(listText, 'Hộ Hà Em')

    // "Ghi nhận khoản nộp" opens the donation form for that household, fund and amount.
    const form = await client
      .get('/donations/create')
      .qs({ donor_id: binh.id, fund_id: upkeep.id, amount: 30000 })
      .loginAs(treasurer)
    assert.include(form.text(), 'value="30.000"')
    assert.match(form.text(), new RegExp(`<option value="${upkeep.id}" selected>`))

    // A second scheme for the same fund and year is refused.
    const again = await client
      .post('/contributions')
      .loginAs(committee)
      .withCsrfToken()
      .redirects(0)
      .form({ name: 'Trùng', fund_id: upkeep.id, year: 2026, amount_per_household: '50000' })
    assert.equal(again.flashMessage('error'), 'Quỹ này đã có đợt đóng góp năm 2026.')
    const refused = await client
      .post('/contributions')
      .loginAs(treasurer)
      .withCsrfToken()
      .form({ name: 'Thủ quỹ', fund_id: upkeep.id, year: 2027, amount_per_household: '50000' })
    refused.assertStatus(403)
  })
})
