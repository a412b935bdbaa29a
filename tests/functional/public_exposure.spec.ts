import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import createLocation from '#actions/locations/save_location'
import { createCamera } from '#actions/cameras/save_camera'
import { systemActor } from '#services/audit'
import { makeUser } from '#tests/helpers'

/** What the server tells people who are not signed in (through the proxy: not loopback). */
const REMOTE = '203.0.113.50'

test.group('What anyone on the network can learn', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('/healthz gives a remote caller the status only; the admin and this machine get details', async ({
    client,
    assert,
  }) => {
    const remote = await client.get('/healthz').header('x-forwarded-for', REMOTE)
    assert.deepEqual(Object.keys(remote.body()), ['status'])
    assert.notInclude(remote.text(), 'recordings')

    const admin = await client
      .get('/healthz')
      .header('x-forwarded-for', REMOTE)
      .loginAs(await makeUser('admin'))
    assert.property(admin.body(), 'disk')
    const viewer = await client
      .get('/healthz')
      .header('x-forwarded-for', REMOTE)
      .loginAs(await makeUser('viewer'))
    assert.deepEqual(Object.keys(viewer.body()), ['status'])

    const local = await client.get('/healthz')
    assert.property(local.body(), 'disk')
  })

  test('the fault page answers only for cameras in service, and not to a sweep of codes', async ({
    client,
  }) => {
    const actor = systemActor('test')
    const location = await createLocation({ actor, parentId: null, kind: 'route', name: 'Tỉnh lộ' })
    const planned = await createCamera({
      actor,
      fields: { code: 'KH-1', name: 'Dự kiến', locationId: location.id, status: 'planned' },
    })
    const retired = await createCamera({
      actor,
      fields: { code: 'KH-2', name: 'Đã gỡ', locationId: location.id, status: 'retired' },
    })
    ;(await client.get(`/bao-hong/${planned.code}`)).assertStatus(404)
    ;(await client.get(`/bao-hong/${retired.code}`)).assertStatus(404)

    // Thirty looks in ten minutes from one address, then the 429 page.
    for (let i = 0; i < 30; i++) {
      ;(await client.get(`/bao-hong/KHONG-${i}`).header('x-forwarded-for', REMOTE)).assertStatus(
        404
      )
    }
    ;(await client.get('/bao-hong/KHONG-X').header('x-forwarded-for', REMOTE)).assertStatus(429)
  }).timeout(60_000)
})
