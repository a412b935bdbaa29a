import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import createLocation from '#actions/locations/save_location'
import { createCamera } from '#actions/cameras/save_camera'
import saveBudgetLine from '#actions/budget_lines/save_budget_line'
import { actorFromUser, makeUser, signIn } from '#tests/helpers'

test.group('Maintenance board in a real browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a ticket moves across the board: opened, assigned, started, resolved with a cost, closed', async ({
    visit,
    assert,
  }) => {
    const technician = await makeUser('technician', { email: 'kythuat2@xa.test' })
    const committee = await makeUser('committee', { email: 'bcd2@xa.test' })
    const actor = actorFromUser(technician)
    const location = await createLocation({ actor, parentId: null, kind: 'route', name: 'Chợ' })
    const camera = await createCamera({
      actor,
      fields: { name: 'Cổng chợ', locationId: location.id, status: 'planned' },
    })
    const fund = await db.from('funds').where('is_default', true).firstOrFail()
    await saveBudgetLine({
      actor: actorFromUser(committee),
      fields: {
        fundId: fund.id,
        name: 'Duy tu, bảo dưỡng',
        approvedAmount: 0,
        isMaintenance: true,
      },
    })

    const page = await signIn(visit, technician.email)
    await page.getByRole('link', { name: 'Bảo trì' }).first().click()
    await page.getByLabel('Camera').last().selectOption(String(camera.id))
    await page.getByLabel('Nguyên nhân').last().selectOption('weather')
    await page.getByLabel('Tiêu đề').fill('Mưa to làm vào nước vỏ camera')
    await page.getByRole('button', { name: 'Mở phiếu' }).click()
    const card = page.locator('[data-ticket]').first()
    const column = async () =>
      card.evaluate((el) => el.closest('[data-status]')!.getAttribute('data-status'))
    assert.equal(await column(), 'open')

    await card.getByRole('button', { name: 'Giao' }).click()
    assert.equal(await column(), 'assigned')
    await card.getByRole('button', { name: 'Bắt đầu xử lý' }).click()
    assert.equal(await column(), 'in_progress')
    await card.getByText('Báo đã xử lý').first().click()
    await card.getByLabel('Cách xử lý').fill('Thay gioăng, sấy khô bo mạch')
    await card.getByLabel('Chi phí sửa chữa (đồng)').fill('180.000')
    await card.getByRole('button', { name: 'Báo đã xử lý' }).click()
    assert.equal(await column(), 'resolved')
    assert.include(await card.textContent(), '180.000')

    // The technician cannot close their own repair; the committee can.
    await card.getByRole('button', { name: 'Đóng phiếu' }).click()
    await page.getByText('Người xử lý không tự đóng phiếu').waitFor()
    await page.context().clearCookies()
    const committeePage = await signIn(visit, committee.email)
    await committeePage.goto('/tickets')
    await committeePage
      .locator('[data-ticket]')
      .first()
      .getByRole('button', { name: 'Đóng phiếu' })
      .click()
    await committeePage.getByText('Đã cập nhật phiếu').waitFor()
    const ticket = await db.from('maintenance_tickets').firstOrFail()
    assert.equal(ticket.status, 'closed')
    const expense = await db.from('expenses').where('ticket_id', ticket.id).firstOrFail()
    assert.equal(Number(expense.amount), 180000)
    assert.equal(expense.status, 'draft')
  }).timeout(60_000)
})
