import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import createLocation from '#actions/locations/save_location'
import { createCamera } from '#actions/cameras/save_camera'
import { maintenanceStats } from '#services/tickets/maintenance_stats'
import { actorFromUser, makeUser } from '#tests/helpers'

const at = (iso: string) => new Date(`${iso}Z`)

test.group('Maintenance statistics', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('MTTR and MTBF on a hand-computed example', async ({ assert, client }) => {
    const actor = actorFromUser(await makeUser('technician'))
    const village = await createLocation({
      actor,
      parentId: null,
      kind: 'village',
      name: 'Thôn An',
    })
    const made = []
    for (const n of ['A', 'B', 'C']) {
      made.push(
        await createCamera({
          actor,
          fields: { name: `Camera ${n}`, locationId: village.id, status: 'planned' },
        })
      )
    }
    const [a, b, c] = made
    await db.from('cameras').update({ created_at: at('2026-10-01T00:00:00') })
    const ticket = (
      cameraId: number,
      category: string,
      opened: string,
      resolved: string | null
    ) => ({
      camera_id: cameraId,
      source: 'staff',
      category,
      title: 'x',
      status: resolved ? 'resolved' : 'open',
      opened_at: at(opened),
      resolved_at: resolved ? at(resolved) : null,
      created_at: new Date(),
      updated_at: new Date(),
    })
    await db.table('maintenance_tickets').multiInsert([
      // A: 6 h and 12 h repairs.
      ticket(a.id, 'power_cut', '2026-11-02T00:00:00', '2026-11-02T06:00:00'),
      ticket(a.id, 'network', '2026-11-05T00:00:00', '2026-11-05T12:00:00'),
      // B: one 4 h repair.
      ticket(b.id, 'power_cut', '2026-11-03T00:00:00', '2026-11-03T04:00:00'),
      // Before the period: not counted.
      ticket(c.id, 'weather', '2026-10-20T00:00:00', '2026-10-21T00:00:00'),
    ])

    // 10 days = 240 h.
    const stats = await maintenanceStats({
      from: at('2026-11-01T00:00:00'),
      to: at('2026-11-11T00:00:00'),
    })
    const camera = (code: string) => stats.byCamera.find((r) => r.key === code)!
    // A: MTTR (6 + 12) / 2 = 9 h; MTBF (240 - 18) / 2 = 111 h.
    assert.deepInclude(camera(a.code), { failures: 2, mttrHours: 9, mtbfHours: 111 })
    // B: MTTR 4 h; MTBF (240 - 4) / 1 = 236 h.
    assert.deepInclude(camera(b.code), { failures: 1, mttrHours: 4, mtbfHours: 236 })
    // C: no failure in the period.
    assert.deepInclude(camera(c.code), { failures: 0, mttrHours: null, mtbfHours: null })
    // Overall: MTTR (6 + 12 + 4) / 3 = 7.33 h; MTBF (222 + 236 + 240) / 3 = 232.67 h.
    assert.deepInclude(stats.overall, { failures: 3, mttrHours: 7.33, mtbfHours: 232.67 })
    // The village holds all three: the same figures.
    assert.deepInclude(stats.byLocation[0], { label: 'Thôn An', failures: 3, mtbfHours: 232.67 })
    // Power cuts: 2 failures, MTTR (6 + 4) / 2 = 5 h, MTBF 698 / 2 = 349 h.
    assert.deepInclude(
      stats.byCause.find((r) => r.key === 'power_cut')!,
      {
        failures: 2,
        mttrHours: 5,
        mtbfHours: 349,
      }
    )
    assert.deepEqual(
      stats.leastReliable.map((r) => r.key),
      [a.code, b.code]
    )

    // The same figures through the API (to is inclusive: 1..10 November = 240 h).
    const committee = await makeUser('committee')
    const token = (await User.accessTokens.create(committee)).value!.release()
    const response = await client
      .get('/api/v1/tickets/stats?from=2026-11-01&to=2026-11-10')
      .bearerToken(token)
    response.assertStatus(200)
    assert.deepInclude(response.body().data.overall, { failures: 3, mttrHours: 7.33 })
    const treasurer = (await User.accessTokens.create(await makeUser('treasurer'))).value!.release()
    ;(await client.get('/api/v1/tickets/stats').bearerToken(treasurer)).assertStatus(403)
    ;(await client.get('/api/v1/tickets/stats?from=hôm-qua').bearerToken(token)).assertStatus(422)
    // The board shows the last 30 days' (a failure yesterday, whatever today's date is).
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 19)
    await db.table('maintenance_tickets').insert(ticket(c.id, 'weather', yesterday, null))
    const board = await client.get('/tickets').loginAs(committee)
    board.assertStatus(200)
    board.assertTextIncludes('Năm camera hay hỏng nhất')
  })
})
