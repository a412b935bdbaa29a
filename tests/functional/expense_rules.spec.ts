import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import Fund from '#models/fund'
import saveBudgetLine from '#actions/budget_lines/save_budget_line'
import { createExpense } from '#actions/expenses/save_expense'
import {
  approveExpense,
  ExpenseStateError,
  payExpense,
  reverseExpense,
  submitExpense,
} from '#actions/expenses/workflow'
import allocateExpense from '#actions/expenses/allocate_expense'
import { programmeMoney } from '#services/finance/programme_money'
import { actorFromUser, makeUser } from '#tests/helpers'

async function approvedExpense(amount = 1_300_000) {
  const author = actorFromUser(await makeUser('treasurer'))
  const committee = actorFromUser(await makeUser('committee'))
  const fund = await Fund.default()
  const line = await saveBudgetLine({
    actor: committee,
    fields: { fundId: fund.id, name: `Biển báo ${Math.random()}`, approvedAmount: 1_000_000 },
  })
  const expense = await createExpense({
    actor: author,
    fields: {
      budgetLineId: line.id,
      payee: 'Cơ sở in',
      description: 'Biển báo',
      quantity: 10,
      unitPrice: amount / 10,
      spentOn: '2026-05-25',
    },
  })
  await submitExpense({ actor: author, expenseId: expense.id })
  await approveExpense({ actor: committee, expenseId: expense.id })
  return { expense, author, committee, line }
}

test.group('Expenses are frozen by the database once approved', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an approved expense cannot be edited or deleted; only approved -> paid passes', async ({
    assert,
  }) => {
    const { expense, author } = await approvedExpense()
    const attempt = (work: (trx: any) => Promise<unknown>) => db.transaction(work)
    await assert.rejects(
      () => attempt((trx) => trx.from('expenses').where('id', expense.id).update({ amount: 1 })),
      /không sửa được/
    )
    await assert.rejects(
      () =>
        attempt((trx) => trx.from('expenses').where('id', expense.id).update({ status: 'draft' })),
      /không sửa được/
    )
    await assert.rejects(
      () => attempt((trx) => trx.from('expenses').where('id', expense.id).delete()),
      /không xoá được/
    )
    await assert.rejects(
      () => attempt((trx) => trx.rawQuery('TRUNCATE expenses CASCADE')),
      /append-only/
    )
    // Paying while sneaking in another change is refused too.
    await assert.rejects(
      () =>
        attempt((trx) =>
          trx
            .from('expenses')
            .where('id', expense.id)
            .update({ status: 'paid', paid_by: author.id, paid_at: new Date(), amount: 2 })
        ),
      /không sửa được/
    )
    const paid = await payExpense({ actor: author, expenseId: expense.id })
    assert.equal(paid.status, 'paid')
    await assert.rejects(
      () =>
        attempt((trx) => trx.from('expenses').where('id', expense.id).update({ payee: 'Khác' })),
      /không sửa được/
    )
  })

  test('a reversal nets out: a withdrawn approval cannot be paid, a reversed payment leaves paid at 0', async ({
    assert,
  }) => {
    const first = await approvedExpense(1_300_000)
    let summary = await programmeMoney('all')
    const lineOf = (id: number) => summary.lines.find((l) => l.id === id)!
    assert.equal(lineOf(first.line.id).committed, 1_300_000)
    assert.equal(lineOf(first.line.id).remaining, -300_000, 'overspending shows, it is not blocked')

    await reverseExpense({
      actor: first.committee,
      expenseId: first.expense.id,
      reason: 'Huỷ duyệt, đặt nhầm',
    })
    summary = await programmeMoney('all')
    assert.equal(lineOf(first.line.id).committed, 0)
    await assert.rejects(
      () => payExpense({ actor: first.author, expenseId: first.expense.id }),
      ExpenseStateError
    )

    const second = await approvedExpense(2_000_000)
    await payExpense({ actor: second.author, expenseId: second.expense.id })
    await reverseExpense({
      actor: second.author,
      expenseId: second.expense.id,
      reason: 'Nhà cung cấp hoàn tiền',
    })
    summary = await programmeMoney('all')
    assert.equal(lineOf(second.line.id).paid, 0)
    await assert.rejects(
      () =>
        reverseExpense({ actor: second.author, expenseId: second.expense.id, reason: 'Lần hai' }),
      ExpenseStateError
    )
    const reversal = await db.from('expenses').where('reverses_id', second.expense.id).firstOrFail()
    assert.equal(reversal.amount, -2_000_000)
    assert.equal(reversal.status, 'paid')
  })

  test('spreading the 26-camera contract stores shares that add up to the expense', async ({
    assert,
  }) => {
    const { expense, committee } = await approvedExpense(1_300_000)
    const codes = Array.from({ length: 26 }, (_, i) => `CAM-${String(i + 1).padStart(2, '0')}`)
    await allocateExpense({ actor: committee, expenseId: expense.id, cameraCodes: codes })
    const rows = await db.from('expense_allocations').where('expense_id', expense.id)
    assert.lengthOf(rows, 26)
    assert.equal(
      rows.reduce((s, r) => s + r.amount, 0),
      1_300_000
    )
    // Spreading again replaces the earlier shares.
    await allocateExpense({
      actor: committee,
      expenseId: expense.id,
      cameraCodes: codes.slice(0, 3),
    })
    const again = await db.from('expense_allocations').where('expense_id', expense.id).orderBy('id')
    assert.deepEqual(
      again.map((r) => r.amount),
      [433_334, 433_333, 433_333]
    )
  })
})

test.group('Expense documents', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function fileOf(name: string, content: Buffer) {
    const path = join(tmpdir(), `${Date.now()}-${name}`)
    await writeFile(path, content)
    return path
  }

  test('a program renamed .pdf is refused; a real PDF is kept and served only to readers', async ({
    client,
    assert,
  }) => {
    const treasurer = await makeUser('treasurer')
    const committee = await makeUser('committee')
    const fund = await Fund.default()
    const line = await saveBudgetLine({
      actor: actorFromUser(committee),
      fields: { fundId: fund.id, name: 'Điện chiếu sáng', approvedAmount: 3_822_000 },
    })
    const expense = await createExpense({
      actor: actorFromUser(treasurer),
      fields: {
        budgetLineId: line.id,
        payee: 'Điện lực',
        description: 'Tiền điện',
        amount: 3_822_000,
        spentOn: '2026-05-20',
      },
    })

    const exe = await client
      .post(`/expenses/${expense.id}/attachments`)
      .loginAs(treasurer)
      .file(
        'file',
        await fileOf('hoa-don.pdf', Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(500)])),
        { filename: 'hoa-don.pdf' }
      )
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      exe.flashMessage('error'),
      'Tệp không phải PDF, JPG hoặc PNG (kiểm tra theo nội dung, không theo tên tệp)'
    )
    assert.lengthOf(await db.from('expense_attachments').where('expense_id', expense.id), 0)

    const big = await client
      .post(`/expenses/${expense.id}/attachments`)
      .loginAs(treasurer)
      .file('file', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]), {
        filename: 'to.pdf',
      })
      .withCsrfToken()
      .redirects(0)
    assert.equal(big.flashMessage('error'), 'Tệp quá lớn (tối đa 10 MB)')

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
    const ok = await client
      .post(`/expenses/${expense.id}/attachments`)
      .loginAs(treasurer)
      .file('file', pdf, { filename: 'hoá đơn điện.pdf' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(ok.flashMessage('success'), 'Đã thêm chứng từ')
    const attachment = await db
      .from('expense_attachments')
      .where('expense_id', expense.id)
      .firstOrFail()
    assert.equal(attachment.content_type, 'application/pdf')

    const url = `/expenses/${expense.id}/attachments/${attachment.id}`
    const viewer = await client.get(url).loginAs(await makeUser('viewer'))
    viewer.assertStatus(200)
    viewer.assertHeader('content-type', 'application/pdf')
    viewer.assertHeader('x-content-type-options', 'nosniff')
    ;(await client.get(url).loginAs(await makeUser('operator'))).assertStatus(403)
    ;(await client.get(url).redirects(0)).assertStatus(302)

    // Once approved, its documents are frozen with it.
    await submitExpense({ actor: actorFromUser(treasurer), expenseId: expense.id })
    await approveExpense({ actor: actorFromUser(committee), expenseId: expense.id })
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx.from('expense_attachments').where('id', attachment.id).delete()
        ),
      /không sửa, không xoá được/
    )
    const late = await client
      .post(`/expenses/${expense.id}/attachments`)
      .loginAs(treasurer)
      .file('file', pdf, { filename: 'them.pdf' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(late.flashMessage('error'), 'Khoản chi đã duyệt, không thêm chứng từ được')
  })
})

test.group('Expense pages and hostile text', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a payee and a budget line named <script> are escaped on every page', async ({
    client,
    assert,
  }) => {
    const xss = '<script>alert(1)</script>'
    const committee = await makeUser('committee')
    const fund = await Fund.default()
    const line = await saveBudgetLine({
      actor: actorFromUser(committee),
      fields: { fundId: fund.id, name: xss, approvedAmount: 0 },
    })
    const expense = await createExpense({
      actor: actorFromUser(committee),
      fields: {
        budgetLineId: line.id,
        payee: xss,
        description: xss,
        amount: 5,
        spentOn: '2026-05-20',
      },
    })
    for (const url of [
      '/budget',
      '/expenses',
      `/expenses/${expense.id}`,
      `/expenses/${expense.id}/edit`,
      `/budget/lines/${line.id}/edit`,
      '/cong-khai',
    ]) {
      const response = await client.get(url).loginAs(committee)
      response.assertStatus(200)
      assert.notInclude(response.text(), xss, url)
      assert.include(response.text(), '&lt;script&gt;', url)
    }
  })
})
