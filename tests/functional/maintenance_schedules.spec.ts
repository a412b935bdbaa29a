import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import createLocation from '#actions/locations/save_location'
import saveHousehold from '#actions/households/save_household'
import { createCamera } from '#actions/cameras/save_camera'
import {
  nextDueAfter,
  openDuePreventiveTickets,
  saveSchedule,
} from '#actions/tickets/preventive_schedules'
import { cancelTicket } from '#actions/tickets/ticket_workflow'
import { automaticTicketSettings } from '#actions/tickets/automatic_tickets'
import { actorFromUser, makeUser } from '#tests/helpers'

/** A route with a village under it and an active camera in each (the schedule's reach). */
async function villageWithCameras() {
  const actor = actorFromUser(await makeUser('technician'))
  const route = await createLocation({ actor, parentId: null, kind: 'route', name: 'Tuyến đê' })
  const village = await createLocation({
    actor,
    parentId: route.id,
    kind: 'village',
    name: 'Xóm 2',
  })
  const household = await saveHousehold({
    actor,
    fields: { headName: 'Hộ B', consentSignedOn: '2026-01-01' },
  })
  const camera = (name: string, locationId: number, status = 'active') =>
    createCamera({
      actor,
      fields: { name, locationId, householdId: household.id, status: status as 'active' },
    })
  return {
    actor,
    route,
    village,
    onRoute: await camera('Đầu đê', route.id),
    inVillage: await camera('Cổng xóm', village.id),
    planned: await camera('Chưa lắp', village.id, 'planned'),
  }
}

const preventive = (scheduleId: number) =>
  db.from('maintenance_tickets').where('schedule_id', scheduleId).orderBy('id')

test.group('Preventive maintenance: due days', () => {
  test('monthly from the 31st keeps to month ends; every 90 days crosses the year', ({
    assert,
  }) => {
    const monthly = { anchorOn: '2026-01-31', intervalCount: 1, intervalUnit: 'months' as const }
    assert.equal(nextDueAfter(monthly, '2026-01-30'), '2026-01-31')
    assert.equal(nextDueAfter(monthly, '2026-01-31'), '2026-02-28')
    assert.equal(nextDueAfter(monthly, '2026-02-28'), '2026-03-31')
    assert.equal(nextDueAfter(monthly, '2026-03-31'), '2026-04-30')
    assert.equal(nextDueAfter(monthly, '2026-12-31'), '2027-01-31')
    // A leap year's February has its 29th.
    assert.equal(nextDueAfter({ ...monthly, anchorOn: '2028-01-31' }, '2028-01-31'), '2028-02-29')
    const quarterly = { anchorOn: '2026-11-15', intervalCount: 90, intervalUnit: 'days' as const }
    assert.equal(nextDueAfter(quarterly, '2026-11-15'), '2027-02-13')
    assert.equal(nextDueAfter(quarterly, '2027-02-13'), '2027-05-14')
    // Far ahead the answer is still exact (no drift from stepping month by month).
    assert.equal(nextDueAfter(monthly, '2036-02-28'), '2036-02-29')
  })
})

test.group('Preventive maintenance: the daily job', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a location schedule opens one ticket per active camera under it, once per round, across month ends', async ({
    assert,
  }) => {
    const { actor, route, onRoute, inVillage } = await villageWithCameras()
    const schedule = await saveSchedule({
      actor,
      today: '2026-01-20',
      fields: {
        title: 'Lau ống kính, kiểm tra vỏ và dây trước mùa mưa',
        locationId: route.id,
        intervalCount: 1,
        intervalUnit: 'months',
        anchorOn: '2026-01-31',
        active: true,
      },
    })
    assert.equal(schedule.next_due_on, '2026-01-31')

    assert.deepInclude(await openDuePreventiveTickets('2026-01-30'), { opened: 0, schedules: 0 })
    const first = await openDuePreventiveTickets('2026-01-31')
    assert.deepInclude(first, { opened: 2, schedules: 1 })
    const tickets = await preventive(schedule.id)
    assert.sameMembers(
      tickets.map((t) => t.camera_id),
      [onRoute.id, inVillage.id]
    )
    for (const t of tickets) {
      assert.include(t, {
        kind: 'preventive',
        source: 'schedule',
        status: 'open',
        due_on: '2026-01-31',
      })
    }
    // The same day again opens nothing; the next round is the last day of February.
    assert.deepInclude(await openDuePreventiveTickets('2026-01-31'), { opened: 0 })
    let row = await db.from('maintenance_schedules').where('id', schedule.id).first()
    assert.equal(row.next_due_on, '2026-02-28')
    assert.deepInclude(await openDuePreventiveTickets('2026-02-27'), { opened: 0, schedules: 0 })

    // 28 February: both tickets of January are still open, so nothing new is opened.
    assert.deepInclude(await openDuePreventiveTickets('2026-02-28'), { opened: 0, skipped: 2 })
    row = await db.from('maintenance_schedules').where('id', schedule.id).first()
    assert.equal(row.next_due_on, '2026-03-31')

    // One is done (cancelled here); 31 March opens a new one for that camera only.
    await cancelTicket({ actor, ticketId: tickets[0].id, reason: 'Đã làm cùng đợt sửa điện' })
    assert.deepInclude(await openDuePreventiveTickets('2026-03-31'), { opened: 1, skipped: 1 })
    const march = (await preventive(schedule.id)).at(-1)
    assert.equal(march.due_on, '2026-03-31')
    assert.equal(march.camera_id, tickets[0].camera_id)

    // The job did not run from April to mid-July: one round, then the end of July.
    await cancelTicket({ actor, ticketId: tickets[1].id, reason: 'Dừng' })
    await cancelTicket({ actor, ticketId: march.id, reason: 'Dừng' })
    assert.deepInclude(await openDuePreventiveTickets('2026-07-15'), { opened: 2, schedules: 1 })
    row = await db.from('maintenance_schedules').where('id', schedule.id).first()
    assert.equal(row.next_due_on, '2026-07-31')
  })

  test('a camera schedule every 90 days; an inactive schedule opens nothing', async ({
    assert,
  }) => {
    const { actor, onRoute } = await villageWithCameras()
    const fields = {
      title: 'Kiểm tra nguồn và Wi-Fi',
      cameraId: onRoute.id,
      intervalCount: 90,
      intervalUnit: 'days' as const,
      anchorOn: '2026-11-15',
      active: true,
    }
    const schedule = await saveSchedule({ actor, today: '2026-11-01', fields })
    assert.deepInclude(await openDuePreventiveTickets('2026-11-15'), { opened: 1 })
    const row = await db.from('maintenance_schedules').where('id', schedule.id).first()
    assert.equal(row.next_due_on, '2027-02-13')

    await saveSchedule({
      actor,
      scheduleId: schedule.id,
      today: '2027-02-01',
      fields: { ...fields, active: false },
    })
    assert.deepInclude(await openDuePreventiveTickets('2027-02-13'), { opened: 0, schedules: 0 })
    const audit = await db
      .from('audit_events')
      .where('entity_type', 'maintenance_schedule')
      .where('entity_id', String(schedule.id))
      .orderBy('id')
    assert.deepEqual(
      audit.map((a) => a.action),
      ['schedule.create', 'schedule.update']
    )
  })
})

test.group('Preventive schedules and thresholds in the web', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a technician plans a schedule; one of camera or location is required; others may only look', async ({
    client,
    assert,
  }) => {
    const { route } = await villageWithCameras()
    const technician = await makeUser('technician')
    const committee = await makeUser('committee')
    const treasurer = await makeUser('treasurer')

    const missing = await client
      .post('/maintenance/schedules')
      .loginAs(technician)
      .form({
        title: 'Lau ống kính',
        interval_count: '90',
        interval_unit: 'days',
        anchor_on: '15/11/2026',
      })
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(missing.flashMessage('inputErrorsBag').target_camera_id, [
      'Chọn một camera hoặc một vị trí',
    ])
    const badInterval = await client
      .post('/maintenance/schedules')
      .loginAs(technician)
      .form({
        title: 'Lau ống kính',
        target_location_id: route.id,
        interval_count: '0',
        interval_unit: 'days',
        anchor_on: '15/11/2026',
      })
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(badInterval.flashMessage('inputErrorsBag').interval_count, [
      'Lặp lại sau phải từ 1 đến 3650',
    ])
    assert.equal(Number((await db.from('maintenance_schedules').count('* as n'))[0].n), 0)

    const saved = await client
      .post('/maintenance/schedules')
      .loginAs(technician)
      .form({
        title: 'Lau ống kính trước mùa mưa',
        target_location_id: route.id,
        interval_count: '3',
        interval_unit: 'months',
        anchor_on: '31/05/2027',
        active: 'true',
      })
      .withCsrfToken()
    saved.assertStatus(200)
    saved.assertTextIncludes('Lau ống kính trước mùa mưa')
    saved.assertTextIncludes('mỗi 3 tháng')
    saved.assertTextIncludes('31/05/2027')

    const page = await client.get('/maintenance/schedules').loginAs(committee)
    page.assertStatus(200)
    page.assertTextIncludes('Lau ống kính trước mùa mưa')
    assert.notInclude(page.text(), 'action="/maintenance/schedules"')
    const refused = await client
      .post('/maintenance/schedules')
      .loginAs(committee)
      .form({
        title: 'x',
        target_location_id: route.id,
        interval_count: '1',
        interval_unit: 'days',
        anchor_on: '01/12/2026',
      })
      .withCsrfToken()
    refused.assertStatus(403)
    ;(await client.get('/maintenance/schedules').loginAs(treasurer)).assertStatus(403)
  })

  test('the administrator changes the automatic-ticket thresholds; the recorder reads them; audited', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('admin')
    const technician = await makeUser('technician')
    ;(await client.get('/maintenance/settings').loginAs(technician)).assertStatus(403)
    const page = await client.get('/maintenance/settings').loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('Mặc định: 30')

    const bad = await client
      .post('/maintenance/settings')
      .loginAs(admin)
      .form({
        offline_minutes: '2',
        flap_outages: '4',
        flap_window_minutes: '60',
        recovery_minutes: '10',
      })
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(bad.flashMessage('inputErrorsBag').offline_minutes, [
      'Số phút mất hình phải từ 5 đến 1440',
    ])
    assert.equal((await automaticTicketSettings()).offlineMinutes, 30)

    const ok = await client
      .post('/maintenance/settings')
      .loginAs(admin)
      .form({
        offline_minutes: '45',
        flap_outages: '6',
        flap_window_minutes: '90',
        recovery_minutes: '15',
      })
      .withCsrfToken()
    ok.assertStatus(200)
    assert.deepEqual(await automaticTicketSettings(), {
      offlineMinutes: 45,
      flapOutages: 6,
      flapWindowMinutes: 90,
      recoveryMinutes: 15,
    })
    const audit = await db.from('audit_events').where('action', 'setting.update').firstOrFail()
    assert.equal(audit.before.offlineMinutes, 30)
    assert.equal(audit.after.offlineMinutes, 45)
    const refused = await client
      .post('/maintenance/settings')
      .loginAs(technician)
      .form({
        offline_minutes: '5',
        flap_outages: '2',
        flap_window_minutes: '10',
        recovery_minutes: '1',
      })
      .withCsrfToken()
    refused.assertStatus(403)
  })
})
