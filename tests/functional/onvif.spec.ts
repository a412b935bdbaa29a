import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { makeUser } from '#tests/helpers'
import { systemActor } from '#services/audit'
import createLocation from '#actions/locations/save_location'
import { createCamera } from '#actions/cameras/save_camera'
import { checkCameraClocks } from '#services/cameras/clock_check'
import { OnvifDevice } from '#tests/fixtures/onvif_device'
import { discoverOnvif, parseDiscoveryTargets, probeOnvif } from '#recorder/onvif'

test.group('ONVIF probe and discovery against a device fixture on loopback', (group) => {
  let device: OnvifDevice
  group.setup(async () => {
    device = new OnvifDevice({
      username: 'admin',
      password: 'Cam@2026',
      clockOffsetSeconds: 125,
      mainUri: 'rtsp://127.0.0.1:26554/cam1',
      subUri: 'rtsp://127.0.0.1:26554/cam1-sub',
    })
    await device.start()
    return () => device.stop()
  })

  test('probe reads device information, both streams, the snapshot URI and the clock offset', async ({
    assert,
  }) => {
    const result = await probeOnvif({
      host: '127.0.0.1',
      port: device.port,
      username: 'admin',
      password: 'Cam@2026',
    })
    assert.equal(result.manufacturer, 'Hikvision')
    assert.equal(result.model, 'DS-2CD1023G0E-I')
    assert.equal(result.firmware, 'V5.5.82')
    assert.deepEqual(
      result.profiles.map((p) => [p.token, p.width, p.height, p.encoding]),
      [
        ['Profile_1', 1920, 1080, 'H264'],
        ['Profile_2', 640, 360, 'H264'],
      ]
    )
    assert.equal(result.mainStreamUri, 'rtsp://127.0.0.1:26554/cam1')
    assert.equal(result.subStreamUri, 'rtsp://127.0.0.1:26554/cam1-sub')
    assert.equal(result.snapshotUri, `http://127.0.0.1:${device.port}/onvif/snapshot.jpg`)
    assert.closeTo(result.clockOffsetSeconds, 125, 2)
  })

  test('a wrong password and a closed port are told apart', async ({ assert }) => {
    await assert.rejects(
      () => probeOnvif({ host: '127.0.0.1', port: device.port, username: 'admin', password: 'x' }),
      /authori/i
    )
    const wrong = await probeOnvif({
      host: '127.0.0.1',
      port: device.port,
      username: 'admin',
      password: 'x',
    }).catch((e) => e)
    assert.equal(wrong.kind, 'unauthorised')
    const closed = await probeOnvif({ host: '127.0.0.1', port: 1, timeoutMs: 1000 }).catch((e) => e)
    assert.equal(closed.kind, 'unreachable')
  })

  test('discovery sends a directed probe to the configured target only, and finds the device', async ({
    assert,
  }) => {
    const targets = parseDiscoveryTargets(`127.0.0.1:${device.discoveryPort}`)
    assert.deepEqual(targets, [{ host: '127.0.0.1', port: device.discoveryPort }])
    const found = await discoverOnvif(targets, 500)
    assert.lengthOf(found, 1)
    assert.equal(found[0].urn, device.urn)
    assert.equal(found[0].port, device.port)
    assert.equal(found[0].host, '127.0.0.1')
    assert.equal(found[0].name, 'Hikvision')
    assert.equal(found[0].hardware, 'DS-2CD1023G0E-I')
    assert.throws(() => parseDiscoveryTargets('127.0.0.1; rm -rf'), /host\[:port\]/)
    assert.deepEqual(parseDiscoveryTargets('10.0.0.5'), [{ host: '10.0.0.5', port: 3702 }])
  })
})

test.group('ONVIF from the camera form: who may ask, and what bad input gets', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only camera staff may probe or discover; a malformed host is refused in Vietnamese', async ({
    client,
    assert,
  }) => {
    for (const role of ['operator', 'viewer', 'treasurer'] as const) {
      const user = await makeUser(role)
      const probe = await client
        .post('/cameras/onvif/probe')
        .loginAs(user)
        .json({ host: '127.0.0.1', port: 1 })
        .withCsrfToken()
      probe.assertStatus(403)
      ;(await client.get('/cameras/onvif/discover').loginAs(user)).assertStatus(403)
    }
    const technician = await makeUser('technician')
    const bad = await client
      .post('/cameras/onvif/probe')
      .loginAs(technician)
      .header('accept', 'application/json')
      .json({ host: '127.0.0.1/../x', port: 99999 })
      .withCsrfToken()
    bad.assertStatus(422)
    assert.include(JSON.stringify(bad.body()), 'không đúng định dạng')
    const closed = await client
      .post('/cameras/onvif/probe')
      .loginAs(technician)
      .header('accept', 'application/json')
      .json({ host: '127.0.0.1', port: 1 })
      .withCsrfToken()
    closed.assertStatus(422)
    assert.equal(closed.body().errors[0].code, 'E_ONVIF_UNREACHABLE')
    assert.include(closed.body().errors[0].message, 'Không kết nối được tới camera ở 127.0.0.1:1')
  })
})

test.group('The recorder checks camera clocks', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('cameras this node holds with an ONVIF address get their offset measured', async ({
    assert,
  }) => {
    const device = new OnvifDevice({ username: 'admin', password: 'pw', clockOffsetSeconds: 600 })
    await device.start()
    try {
      const actor = systemActor('test')
      const location = await createLocation({ actor, parentId: null, kind: 'route', name: 'X' })
      const camera = await createCamera({
        actor,
        fields: {
          name: 'Có ONVIF',
          locationId: location.id,
          status: 'planned',
          onvifHost: '127.0.0.1',
          onvifPort: device.port,
          username: 'admin',
          password: 'pw',
        },
      })
      const other = await createCamera({
        actor,
        fields: { name: 'Máy khác giữ', locationId: location.id, status: 'planned' },
      })
      await db.table('camera_leases').multiInsert(
        [camera.id, other.id].map((id, i) => ({
          camera_id: id,
          node_id: i === 0 ? 'clock-node' : 'another-node',
          acquired_at: new Date(),
          expires_at: new Date(Date.now() + 20_000),
        }))
      )
      assert.equal(await checkCameraClocks('clock-node'), 1)
      await camera.refresh()
      assert.closeTo(camera.clockOffsetSeconds!, 600, 2)
      assert.isNotNull(camera.clockCheckedAt)
    } finally {
      await device.stop()
    }
  })
})
