import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Fund from '#models/fund'
import Expense from '#models/expense'
import saveBudgetLine from '#actions/budget_lines/save_budget_line'
import { actorFromUser, makeUser } from '#tests/helpers'

test.group('An expense in a real browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('goes from draft to paid: the treasurer enters it, the committee approves, the treasurer pays', async ({
    visit,
    assert,
  }) => {
    await makeUser('treasurer', { email: 'thuquy3@xa.test' })
    const committee = await makeUser('committee', { email: 'bcd@xa.test' })
    const fund = await Fund.default()
    await saveBudgetLine({
      actor: actorFromUser(committee),
      fields: { fundId: fund.id, name: 'Biển báo', approvedAmount: 1_300_000 },
    })

    const page = await visit('/login')
    const signIn = async (email: string) => {
      await page.goto('/login')
      await page.getByLabel('Email').fill(email)
      await page.getByLabel('Mật khẩu').fill('mat-khau-du-dai')
      await page.getByRole('button', { name: 'Đăng nhập' }).click()
      await page.waitForURL((url) => url.pathname === '/')
    }
    const signOut = async () => {
      await page.getByRole('button', { name: 'Đăng xuất' }).click()
      await page.waitForURL((url) => url.pathname === '/login')
    }
    // Confirmation dialogs ("Duyệt khoản chi này?") are accepted.
    page.on('dialog', (dialog) => dialog.accept())

    await signIn('thuquy3@xa.test')
    await page.goto('/expenses/create')
    await page
      .getByLabel('Khoản mục')
      .selectOption({ label: 'Biển báo (Chương trình camera an ninh)' })
    await page.getByLabel('Người nhận / nhà thầu').fill('Cơ sở in Minh Tâm')
    await page.getByLabel('Nội dung chi').fill('Biển báo khu vực có camera')
    await page.getByLabel('Số lượng').fill('10')
    await page.getByLabel('Đơn giá (đồng)').fill('130.000')
    await page.getByLabel('Ngày chi').fill('2026-05-25')
    await page.getByLabel('Số chứng từ / phiếu chi').fill('PC-03')
    await page.getByRole('button', { name: 'Lưu' }).click()
    await page.waitForURL(/\/expenses\/\d+$/)
    await page.assertTextContains('[data-test="expense-status"]', 'Nháp')
    await page.assertTextContains('[data-test="expense-amount"]', '1.300.000')
    await page.getByRole('button', { name: 'Trình duyệt' }).click()
    await page.assertTextContains('[data-test="expense-status"]', 'Chờ duyệt')
    // The treasurer is offered no approval.
    assert.equal(await page.getByRole('button', { name: 'Duyệt chi' }).count(), 0)
    const expenseUrl = page.url()
    await signOut()

    await signIn('bcd@xa.test')
    await page.goto(expenseUrl)
    await page.getByRole('button', { name: 'Duyệt chi' }).click()
    await page.assertTextContains('[data-test="expense-status"]', 'Đã duyệt')
    assert.equal(await page.getByRole('button', { name: 'Xác nhận đã chi tiền' }).count(), 0)
    await signOut()

    await signIn('thuquy3@xa.test')
    await page.goto(expenseUrl)
    await page.getByRole('button', { name: 'Xác nhận đã chi tiền' }).click()
    await page.assertTextContains('[data-test="expense-status"]', 'Đã chi')
    await page.assertTextContains('[data-test="expense-history"]', 'Duyệt: ' + committee.fullName)

    const expense = await Expense.query().orderBy('id', 'desc').firstOrFail()
    assert.equal(expense.status, 'paid')
    assert.equal(expense.amount, 1_300_000)

    await page.goto('/budget')
    await page.assertTextContains('[data-test="paid"]', '1.300.000')
  })
})
