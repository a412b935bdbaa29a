import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Donation from '#models/donation'
import { makeDonor, makeUser, signIn } from '#tests/helpers'

test.group('Treasurer in a real browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('enters a donation and prints its A5 receipt', async ({ visit, assert }) => {
    await makeUser('treasurer', { email: 'thuquy2@xa.test' })
    await makeDonor({ name: 'Công ty TNHH Minh Phát', kind: 'organisation', village: 'Chợ Tre' })

    const page = await signIn(visit, 'thuquy2@xa.test')

    await page.goto('/donations/create')
    await page
      .getByLabel('Người ủng hộ')
      .selectOption({ label: 'Công ty TNHH Minh Phát — Chợ Tre' })
    await page.getByLabel('Số tiền (đồng)').fill('118.500.000')
    await page.getByLabel('Ngày nhận').fill('2026-03-15')
    await page.getByLabel('Hình thức').selectOption('bank_transfer')
    await page.getByRole('button', { name: 'Ghi nhận và cấp phiếu thu' }).click()

    await page.waitForURL(/\/donations\/\d+$/)
    const donation = await Donation.query().orderBy('id', 'desc').firstOrFail()
    await page.assertTextContains(
      '.flash-success',
      `Đã ghi nhận, số phiếu thu ${donation.receiptNo}`
    )

    await page.locator('[data-test="open-receipt"]').click()
    await page.waitForURL(/\/receipt$/)
    await page.assertTextContains('[data-test="receipt-no"]', donation.receiptNo!)
    await page.assertTextContains(
      '[data-test="receipt-words"]',
      'Một trăm mười tám triệu năm trăm nghìn đồng'
    )

    // The print button opens the browser's print dialog...
    await page.evaluate('window.__printed = 0; window.print = () => { window.__printed++ }')
    await page.locator('[data-test="print"]').click()
    assert.equal(await page.evaluate<number>('window.__printed'), 1)

    // ...and what prints is one A5 page without the toolbar.
    await page.emulateMedia({ media: 'print' })
    assert.isFalse(await page.locator('[data-test="print"]').isVisible())
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1')
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)]
    assert.lengthOf(boxes, 1, 'one page')
    assert.closeTo(Number(boxes[0][1]), 419.5, 1, 'A5 width in points')
    assert.closeTo(Number(boxes[0][2]), 595.3, 1, 'A5 height in points')
  })
})
