import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Camera from '#models/camera'
import createLocation from '#actions/locations/save_location'
import saveHousehold from '#actions/households/save_household'
import { createCamera } from '#actions/cameras/save_camera'
import { probeCamera } from '#actions/cameras/onvif'
import { systemActor } from '#services/audit'
import { makeUser } from '#tests/helpers'
import { OnvifDevice } from '#tests/fixtures/onvif_device'

/** A camera whose stored credentials a technician must never be able to send elsewhere. */
async function cameraWithPassword(extra: Record<string, unknown> = {}) {
  const actor = systemActor('test')
  const location = await createLocation({ actor, parentId: null, kind: 'route', name: 'QL1A' })
  const household = await saveHousehold({
    actor,
    fields: { headName: 'Hộ Bảy', consentSignedOn: '2026-01-01' },
  })
  return createCamera({
    actor,
    fields: {
      name: 'Ngã ba',
      locationId: location.id,
      householdId: household.id,
      status: 'active',
      mainStreamUrl: 'rtsp://192.168.1.64:554/Streaming/Channels/101',
      username: 'admin',
      password: 'S3cret!',
      ...extra,
    },
  })
}

const form = (camera: Camera, changes: Record<string, unknown>) => ({
  name: camera.name,
  location_id: camera.locationId,
  household_id: camera.householdId,
  status: camera.status,
  main_stream_url: camera.mainStreamUrl,
  rtsp_transport: 'tcp',
  recording_enabled: 'true',
  retention_days: 30,
  ...changes,
})

test.group('Camera credentials stay with the camera (write-only, never redirected)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a stream moved to another host without a new password drops the stored one', async ({
    client,
    assert,
  }) => {
    const camera = await cameraWithPassword()
    const technician = await makeUser('technician')
    const response = await client
      .put(`/cameras/${camera.id}`)
      .loginAs(technician)
      .form(form(camera, { main_stream_url: 'rtsp://203.0.113.9:554/Streaming/Channels/101' }))
      .withCsrfToken()
      .redirects(0)
    assert.equal(response.header('location'), `/cameras/${camera.id}/edit`)
    assert.match(String(response.flashMessage('error')), /nhập lại tên đăng nhập và mật khẩu/)
    await camera.refresh()
    assert.isFalse(camera.hasCredentials)
    assert.deepEqual(camera.credentials(), { username: null, password: null })
  })

  test('the same host with another path, or a new password with the move, keeps working', async ({
    client,
    assert,
  }) => {
    const camera = await cameraWithPassword()
    const technician = await makeUser('technician')
    await client
      .put(`/cameras/${camera.id}`)
      .loginAs(technician)
      .form(form(camera, { main_stream_url: 'rtsp://192.168.1.64:554/Streaming/Channels/102' }))
      .withCsrfToken()
    await camera.refresh()
    assert.equal(camera.credentials().password, 'S3cret!')

    await client
      .put(`/cameras/${camera.id}`)
      .loginAs(technician)
      .form(
        form(camera, {
          main_stream_url: 'rtsp://192.168.1.70:554/Streaming/Channels/101',
          username: 'admin',
          password: 'M0i-2026',
        })
      )
      .withCsrfToken()
    await camera.refresh()
    assert.deepEqual(camera.credentials(), { username: 'admin', password: 'M0i-2026' })
  })

  test('the API drops them the same way', async ({ client, assert }) => {
    const camera = await cameraWithPassword()
    const technician = await makeUser('technician')
    const token = await (await import('#models/user')).default.accessTokens.create(technician)
    const response = await client
      .put(`/api/v1/cameras/${camera.id}`)
      .bearerToken(token.value!.release())
      .json({
        name: camera.name,
        location_id: camera.locationId,
        household_id: camera.householdId,
        status: 'active',
        main_stream_url: 'rtsp://203.0.113.9/live',
      })
    response.assertStatus(200)
    await camera.refresh()
    assert.isFalse(camera.hasCredentials)
  })

  test("an ONVIF probe sends the stored password only to the camera's own ONVIF address", async ({
    assert,
  }) => {
    const device = new OnvifDevice({ username: 'admin', password: 'S3cret!' })
    await device.start()
    try {
      const camera = await cameraWithPassword({ onvifHost: '127.0.0.1', onvifPort: device.port })
      // Its own address: the stored credentials fill the empty fields and the probe works.
      const own = await probeCamera({ host: '127.0.0.1', port: device.port, cameraId: camera.id })
      assert.equal(own.model, 'DS-2CD1023G0E-I')
      // Another address (here another port): nothing stored is sent, so the device refuses.
      const other = await cameraWithPassword({ onvifHost: '127.0.0.2', onvifPort: device.port })
      await assert.rejects(
        () => probeCamera({ host: '127.0.0.1', port: device.port, cameraId: other.id }),
        /authori/i
      )
    } finally {
      await device.stop()
    }
  })
})
