import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import createLocation from '#actions/locations/save_location'
import { createCamera } from '#actions/cameras/save_camera'
import { openTicket, resolveTicket, assignTicket } from '#actions/tickets/ticket_workflow'
import saveBudgetLine from '#actions/budget_lines/save_budget_line'
import { systemActor } from '#services/audit'
import { actorFromUser, makeUser } from '#tests/helpers'

async function tokenFor(user: User) {
  return (await User.accessTokens.create(user)).value!.release()
}

async function aCamera() {
  const actor = actorFromUser(await makeUser('technician'))
  const location = await createLocation({ actor, parentId: null, kind: 'route', name: 'Đê' })
  return createCamera({
    actor,
    fields: { name: 'Chân đê', locationId: location.id, status: 'planned' },
  })
}

test.group('Maintenance tickets API: the workflow and who may do each step', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('open -> assigned -> in progress -> resolved -> closed, with who and when per step', async ({
    client,
    assert,
  }) => {
    const camera = await aCamera()
    const operator = await tokenFor(await makeUser('operator'))
    const lead = await makeUser('technician')
    const fixer = await makeUser('technician')
    const other = await makeUser('technician')
    const committee = await makeUser('committee')
    const as = async (user: User) => tokenFor(user)

    const opened = await client
      .post('/api/v1/tickets')
      .bearerToken(operator)
      .json({ camera_id: camera.id, category: 'power_cut', title: 'Camera tắt từ tối qua' })
    opened.assertStatus(201)
    const id = opened.body().data.id
    assert.equal(opened.body().data.status, 'open')
    assert.equal(opened.body().data.source, 'staff')

    const step = (user: User, name: string, body: object = {}) =>
      as(user).then((t) => client.post(`/api/v1/tickets/${id}/${name}`).bearerToken(t).json(body))

    // Only an active technician can be the assignee; only the assignee starts and resolves.
    ;(await step(lead, 'assign', { assignee_id: committee.id })).assertStatus(409)
    ;(await step(lead, 'assign', { assignee_id: fixer.id })).assertStatus(200)
    const notMine = await step(other, 'start')
    notMine.assertStatus(409)
    assert.equal(notMine.body().errors[0].reason, 'not_assignee')
    ;(await step(committee, 'start')).assertStatus(403)
    ;(await step(fixer, 'start')).assertStatus(200)
    // No maintenance budget line yet: the cost cannot be drafted, nothing changes.
    const noLine = await step(fixer, 'resolve', {
      resolution: 'Thay bộ nguồn 12V',
      repair_cost: '250.000',
    })
    noLine.assertStatus(409)
    assert.equal(noLine.body().errors[0].reason, 'no_maintenance_line')
    assert.equal(
      (await db.from('maintenance_tickets').where('id', id).first()).status,
      'in_progress'
    )
    const fund = await db.from('funds').where('is_default', true).firstOrFail()
    const line = await saveBudgetLine({
      actor: actorFromUser(committee),
      fields: {
        fundId: fund.id,
        name: 'Duy tu, bảo dưỡng',
        approvedAmount: 0,
        isMaintenance: true,
      },
    })

    const warrantyWithCost = await step(fixer, 'resolve', {
      resolution: 'Thay bộ nguồn',
      repair_cost: '250.000',
      under_warranty: true,
    })
    warrantyWithCost.assertStatus(409)
    const resolved = await step(fixer, 'resolve', {
      resolution: 'Thay bộ nguồn 12V',
      repair_cost: '250.000',
    })
    resolved.assertStatus(200)
    assert.equal(resolved.body().data.repair_cost, 250000)
    // The cost became a draft expense on the maintenance line, linked both ways.
    const expense = await db
      .from('expenses')
      .where('id', resolved.body().data.expense_id)
      .firstOrFail()
    assert.equal(expense.status, 'draft')
    assert.equal(Number(expense.amount), 250000)
    assert.equal(expense.budget_line_id, line.id)
    assert.equal(expense.ticket_id, id)
    assert.equal(expense.payee, fixer.fullName)
    assert.include(expense.description, camera.code)

    // The resolver does not close their own ticket; the committee confirms it.
    const own = await step(fixer, 'close')
    own.assertStatus(409)
    assert.include(own.body().errors[0].message, 'Người xử lý không tự đóng phiếu')
    const closed = await step(committee, 'close')
    closed.assertStatus(200)
    const data = closed.body().data
    assert.equal(data.status, 'closed')
    assert.equal(data.steps.assigned.by, lead.id)
    assert.equal(data.steps.started.by, fixer.id)
    assert.equal(data.steps.resolved.by, fixer.id)
    assert.equal(data.steps.closed.by, committee.id)
    for (const s of ['opened', 'assigned', 'started', 'resolved', 'closed']) {
      assert.isNotNull(data.steps[s].at, s)
    }
    // A closed ticket cannot be cancelled or reopened by a step.
    // There is no other step (e.g. reopening) to call.
    ;(await step(lead, 'reopen')).assertStatus(404)
    const late = await step(lead, 'cancel', { reason: 'Nhầm' })
    late.assertStatus(409)
    assert.equal(late.body().errors[0].reason, 'cannot_cancel')
    const audit = await db
      .from('audit_events')
      .where('entity_type', 'ticket')
      .where('entity_id', String(id))
    assert.sameMembers(
      audit.map((a) => a.action),
      ['ticket.open', 'ticket.assign', 'ticket.start', 'ticket.resolve', 'ticket.close']
    )

    // My tickets.
    const mine = await client.get('/api/v1/tickets?mine=true').bearerToken(await as(fixer))
    assert.deepEqual(
      mine.body().data.map((t: any) => t.id),
      [id]
    )
  })

  test('who may read and open; bad input is refused in Vietnamese and writes nothing', async ({
    client,
    assert,
  }) => {
    const camera = await aCamera()
    ;(
      await client.get('/api/v1/tickets').bearerToken(await tokenFor(await makeUser('treasurer')))
    ).assertStatus(403)
    ;(
      await client.get('/api/v1/tickets').bearerToken(await tokenFor(await makeUser('committee')))
    ).assertStatus(200)
    ;(
      await client
        .post('/api/v1/tickets')
        .bearerToken(await tokenFor(await makeUser('committee')))
        .json({ camera_id: camera.id, category: 'other', title: 'Thử quyền' })
    ).assertStatus(403)
    const bad = await client
      .post('/api/v1/tickets')
      .bearerToken(await tokenFor(await makeUser('technician')))
      .header('accept-language', 'vi')
      .json({ camera_id: camera.id, category: 'lightning', title: 'x' })
    bad.assertStatus(422)
    assert.include(JSON.stringify(bad.body()), 'không hợp lệ')
    const [{ n }] = await db.from('maintenance_tickets').count('* as n')
    assert.equal(Number(n), 0)
    const cancelled = await openTicket({
      actor: systemActor('test'),
      fields: { cameraId: camera.id, source: 'staff', category: 'other', title: 'Hủy thử' },
    })
    const noReason = await client
      .post(`/api/v1/tickets/${cancelled.id}/cancel`)
      .bearerToken(await tokenFor(await makeUser('technician')))
      .json({})
    noReason.assertStatus(422)
  })

  test('a repair under warranty has no cost and drafts no expense', async ({ assert }) => {
    const camera = await aCamera()
    const fixer = await makeUser('technician')
    const ticket = await openTicket({
      actor: actorFromUser(fixer),
      fields: {
        cameraId: camera.id,
        source: 'staff',
        category: 'hardware',
        title: 'Hỏng ống kính',
      },
    })
    await assignTicket({ actor: actorFromUser(fixer), ticketId: ticket.id, assigneeId: fixer.id })
    const resolved = await resolveTicket({
      actor: actorFromUser(fixer),
      ticketId: ticket.id,
      resolution: 'Nhà cung cấp đổi camera trong bảo hành',
      underWarranty: true,
    })
    assert.isTrue(resolved.underWarranty)
    assert.isNull(resolved.expenseId)
    const [{ n }] = await db.from('expenses').count('* as n')
    assert.equal(Number(n), 0)
  })

  test('the database keeps one open automatic ticket per camera', async ({ assert }) => {
    const camera = await aCamera()
    const fields = {
      cameraId: camera.id,
      source: 'recorder' as const,
      category: 'network' as const,
      title: 'Mất kết nối hơn 30 phút',
      automatic: true,
    }
    await openTicket({ actor: systemActor('recorder'), fields })
    await assert.rejects(() =>
      db.transaction((trx) => openTicket({ actor: systemActor('recorder'), fields }, trx))
    )
  })
})
