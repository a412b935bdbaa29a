import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import createLocation from '#actions/locations/save_location'
import saveHousehold from '#actions/households/save_household'
import { createCamera } from '#actions/cameras/save_camera'
import { syncAutomaticTickets } from '#actions/tickets/automatic_tickets'
import { assignTicket } from '#actions/tickets/ticket_workflow'
import { actorFromUser, makeUser } from '#tests/helpers'

const SETTINGS = { offlineMinutes: 30, flapOutages: 4, flapWindowMinutes: 60, recoveryMinutes: 10 }
const NOW = DateTime.fromISO('2026-11-28T10:00:00Z')
const ago = (minutes: number) => NOW.minus({ minutes }).toJSDate()

/** An active camera whose recorder health the test writes directly. */
async function recordedCamera() {
  const actor = actorFromUser(await makeUser('technician'))
  const location = await createLocation({ actor, parentId: null, kind: 'route', name: 'Thôn 1' })
  const household = await saveHousehold({
    actor,
    fields: { headName: 'Hộ A', consentSignedOn: '2026-01-01' },
  })
  const camera = await createCamera({
    actor,
    fields: {
      name: 'Ngõ 3',
      locationId: location.id,
      householdId: household.id,
      status: 'active',
      mainStreamUrl: 'rtsp://192.168.1.30/stream1',
    },
  })
  await db
    .from('cameras')
    .where('id', camera.id)
    .update({ created_at: ago(24 * 60) })
  return camera
}

/** What the recorder writes when a segment closes: the camera's last recording time. */
async function lastRecorded(cameraId: number, at: Date) {
  await db.from('cameras').where('id', cameraId).update({ last_recorded_at: at })
}

async function tickets(cameraId: number) {
  return db.from('maintenance_tickets').where('camera_id', cameraId).orderBy('id')
}

async function run(cameraId: number, startedMinutesAgo: number, endReason: string | null = null) {
  await db.table('recording_runs').insert({
    camera_id: cameraId,
    started_at: ago(startedMinutesAgo),
    ended_at: NOW.toJSDate(),
    end_reason: endReason,
  })
}

test.group('Automatic maintenance tickets from recorder health', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('offline longer than the threshold opens one ticket, however often the job runs', async ({
    assert,
  }) => {
    const camera = await recordedCamera()
    await lastRecorded(camera.id, ago(29))
    await syncAutomaticTickets(NOW, SETTINGS)
    assert.lengthOf(await tickets(camera.id), 0, '29 minutes is not yet an outage ticket')

    await lastRecorded(camera.id, ago(31))
    for (let i = 0; i < 3; i++) await syncAutomaticTickets(NOW.plus({ minutes: i }), SETTINGS)
    const rows = await tickets(camera.id)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].source, 'recorder')
    assert.isTrue(rows[0].automatic)
    assert.equal(rows[0].status, 'open')
    assert.include(rows[0].title, 'không ghi hình')
  })

  test('flapping: five outages in an hour make one "unstable connection" ticket', async ({
    assert,
  }) => {
    const camera = await recordedCamera()
    await lastRecorded(camera.id, ago(0))
    await db.table('recorder_events').multiInsert(
      [5, 15, 25, 35, 45].map((m) => ({
        camera_id: camera.id,
        kind: 'unreachable',
        created_at: ago(m),
      }))
    )
    // An old outage outside the hour does not count.
    await db
      .table('recorder_events')
      .insert({ camera_id: camera.id, kind: 'stalled', created_at: ago(90) })
    await syncAutomaticTickets(NOW, SETTINGS)
    await syncAutomaticTickets(NOW.plus({ minutes: 1 }), SETTINGS)
    const rows = await tickets(camera.id)
    assert.lengthOf(rows, 1)
    assert.include(rows[0].title, 'chập chờn: 5 lần')
  })

  test('back and recording for 10 minutes: the ticket records it and resolves itself', async ({
    assert,
  }) => {
    const camera = await recordedCamera()
    await lastRecorded(camera.id, ago(60))
    await syncAutomaticTickets(NOW.minus({ minutes: 20 }), SETTINGS)
    assert.lengthOf(await tickets(camera.id), 1)

    // Back 5 minutes ago: not yet.
    await lastRecorded(camera.id, ago(0))
    await run(camera.id, 5)
    await syncAutomaticTickets(NOW, SETTINGS)
    assert.equal((await tickets(camera.id))[0].status, 'open')

    // Still up 11 minutes after it came back.
    const later = NOW.plus({ minutes: 6 })
    await lastRecorded(camera.id, later.toJSDate())
    await syncAutomaticTickets(later, SETTINGS)
    const [ticket] = await tickets(camera.id)
    assert.equal(ticket.status, 'resolved')
    assert.isNull(ticket.resolved_by)
    assert.isNotNull(ticket.recovered_at)
    assert.include(ticket.resolution, 'ghi hình trở lại')
    // The next outage may open a new ticket: this one is no longer open.
  })

  test('a ticket a person has taken over records the recovery but stays theirs', async ({
    assert,
  }) => {
    const camera = await recordedCamera()
    await lastRecorded(camera.id, ago(60))
    await syncAutomaticTickets(NOW.minus({ minutes: 20 }), SETTINGS)
    const [opened] = await tickets(camera.id)
    const technician = await makeUser('technician')
    await assignTicket({
      actor: actorFromUser(technician),
      ticketId: opened.id,
      assigneeId: technician.id,
    })
    await lastRecorded(camera.id, ago(0))
    await run(camera.id, 15)
    await syncAutomaticTickets(NOW, SETTINGS)
    const [ticket] = await tickets(camera.id)
    assert.equal(ticket.status, 'assigned')
    assert.isNotNull(ticket.recovered_at)
    assert.isTrue(ticket.touched_by_person)
    // Still no second automatic ticket while this one is open.
    await lastRecorded(camera.id, ago(60))
    await syncAutomaticTickets(NOW, SETTINGS)
    assert.lengthOf(await tickets(camera.id), 1)
  })
})
