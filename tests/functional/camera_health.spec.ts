import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import createLocation from '#actions/locations/save_location'
import { createCamera } from '#actions/cameras/save_camera'
import { cameraHealth } from '#services/cameras/camera_health'
import { systemActor } from '#services/audit'
import { makeUser } from '#tests/helpers'

test.group('Camera recording health', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('coverage per day comes from runs; reconnects and stalls from the last hour', async ({
    assert,
    client,
  }) => {
    const actor = systemActor('test')
    const location = await createLocation({
      actor,
      parentId: null,
      kind: 'route',
      name: 'Tuyến đo',
    })
    const camera = await createCamera({
      actor,
      fields: { code: 'HLT-1', name: 'Đo', locationId: location.id, status: 'planned' },
    })
    // "Now" is 12:00 in the commune (05:00 UTC) on 28/11/2026.
    const now = DateTime.fromISO('2026-11-28T12:00:00', { zone: 'Asia/Ho_Chi_Minh' })
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Ho_Chi_Minh' }).toJSDate()
    await db.table('recording_runs').multiInsert([
      // Yesterday: 18 h of 24 recorded (a power cut from 02:00 to 08:00).
      {
        camera_id: camera.id,
        started_at: at('2026-11-27T00:00:00'),
        ended_at: at('2026-11-27T02:00:00'),
        end_reason: 'unreachable',
      },
      // This run crosses midnight: 16 h yesterday, 3 h today.
      {
        camera_id: camera.id,
        started_at: at('2026-11-27T08:00:00'),
        ended_at: at('2026-11-28T03:00:00'),
        end_reason: 'stalled',
      },
      // Today 06:00-12:00: 6 h. Today so far: 9 of 12 h.
      {
        camera_id: camera.id,
        started_at: at('2026-11-28T06:00:00'),
        ended_at: at('2026-11-28T12:00:00'),
        end_reason: null,
      },
    ])
    await db.table('recorder_events').multiInsert([
      { camera_id: camera.id, kind: 'stalled', created_at: now.minus({ minutes: 10 }).toJSDate() },
      {
        camera_id: camera.id,
        kind: 'unreachable',
        created_at: now.minus({ minutes: 20 }).toJSDate(),
      },
      { camera_id: camera.id, kind: 'unreachable', created_at: now.minus({ hours: 3 }).toJSDate() },
    ])
    const health = await cameraHealth(camera.id, 3, now)
    assert.deepEqual(health.coverage, [
      { day: '2026-11-28', coverage: 0.75 },
      { day: '2026-11-27', coverage: 0.75 },
      // Before its first recording (no installation date): not counted, not 0 %.
      { day: '2026-11-26', coverage: null },
    ])
    assert.equal(health.reconnectsLastHour, 2)
    assert.equal(health.stallsLastHour, 1)

    const page = await client.get(`/cameras/${camera.id}`).loginAs(await makeUser('operator'))
    page.assertStatus(200)
    page.assertTextIncludes('Tình trạng ghi hình')
  })
})
