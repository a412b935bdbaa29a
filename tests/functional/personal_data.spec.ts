import { test } from '@japa/runner'
import { splitStoredTemplateCredentials } from '#actions/cameras/split_stored_template_credentials'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Camera from '#models/camera'
import createLocation from '#actions/locations/save_location'
import saveHousehold from '#actions/households/save_household'
import { createCamera } from '#actions/cameras/save_camera'
import reportFault from '#actions/fault_reports/report_fault'
import { systemActor } from '#services/audit'
import { makeUser } from '#tests/helpers'

async function hostedCamera() {
  const actor = systemActor('test')
  const location = await createLocation({
    actor,
    parentId: null,
    kind: 'village',
    name: 'Thôn An Đại 1',
  })
  const household = await saveHousehold({
    actor,
    fields: {
      headName: 'Nguyễn Thị Riêng',
      address: 'Số 7 xóm Giữa',
      phone: '0905123456',
      consentSignedOn: '2026-01-01',
    },
  })
  const camera = await createCamera({
    actor,
    fields: {
      name: 'Cổng nhà',
      locationId: location.id,
      householdId: household.id,
      status: 'active',
    },
  })
  return { camera, household }
}

test.group('Personal data only for the roles that deal with households', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the committee reads the audit log without households' names, addresses and phones", async ({
    client,
    assert,
  }) => {
    await hostedCamera()
    const committee = await client.get('/audit').loginAs(await makeUser('committee'))
    committee.assertStatus(200)
    committee.assertTextIncludes('Thêm hộ gia đình')
    for (const secret of ['Nguyễn Thị Riêng', 'Số 7 xóm Giữa', '0905123456']) {
      assert.notInclude(committee.text(), secret)
    }
    const admin = await client.get('/audit').loginAs(await makeUser('admin'))
    admin.assertTextIncludes('0905123456')
  })

  test("a fault reporter's phone is shown to technicians, not to viewers", async ({ client }) => {
    const { camera } = await hostedCamera()
    await reportFault({
      cameraId: camera.id,
      description: 'Camera bị lệch',
      phone: '0912000111',
      ip: '127.0.0.1',
    })
    const viewer = await client.get(`/cameras/${camera.id}`).loginAs(await makeUser('viewer'))
    viewer.assertTextIncludes('Camera bị lệch')
    if (viewer.text().includes('0912000111')) throw new Error('the viewer sees the phone')
    const technician = await client
      .get(`/cameras/${camera.id}`)
      .loginAs(await makeUser('technician'))
    technician.assertTextIncludes('0912000111')
  })

  test('a password typed into an SD-card replay template is kept like a stream password', async ({
    client,
    assert,
  }) => {
    const { camera } = await hostedCamera()
    const technician = await makeUser('technician')
    await client
      .put(`/cameras/${camera.id}`)
      .loginAs(technician)
      .form({
        name: camera.name,
        location_id: camera.locationId,
        household_id: camera.householdId,
        status: 'active',
        main_stream_url: 'rtsp://10.0.0.9/Streaming/Channels/101',
        rtsp_transport: 'tcp',
        recording_enabled: 'true',
        retention_days: 30,
        edge_storage: 'template',
        edge_replay_template:
          'rtsp://admin:Bi-mat-9@{host}/Streaming/tracks/101?starttime={start}&endtime={end}',
      })
      .withCsrfToken()
    const saved = await Camera.findOrFail(camera.id)
    assert.equal(
      saved.edgeReplayTemplate,
      'rtsp://{host}/Streaming/tracks/101?starttime={start}&endtime={end}'
    )
    assert.deepEqual(saved.credentials(), { username: 'admin', password: 'Bi-mat-9' })
    const audit = await db
      .from('audit_events')
      .where('entity_type', 'camera')
      .where('entity_id', String(camera.id))
    assert.notInclude(JSON.stringify(audit), 'Bi-mat-9')
    const token = await (await import('#models/user')).default.accessTokens.create(technician)
    const api = await client.get(`/api/v1/cameras/${camera.id}`).bearerToken(token.value!.release())
    assert.notInclude(api.text(), 'Bi-mat-9')
  })

  test('templates saved with user:pass@ before the fix are split by the migration', async ({
    assert,
  }) => {
    const { camera } = await hostedCamera()
    const other = (await hostedCamera()).camera
    other.setCredentials('rieng', 'Cua-no')
    await other.save()
    const leaked = 'rtsp://admin:Bi-mat-9@{host}/Streaming/tracks/101?starttime={start}'
    await db.from('cameras').whereIn('id', [camera.id, other.id]).update({
      edge_storage: 'template',
      edge_replay_template: leaked,
    })
    assert.equal(await splitStoredTemplateCredentials(db.connection()), 2)
    const [a, b] = [await Camera.findOrFail(camera.id), await Camera.findOrFail(other.id)]
    for (const c of [a, b]) {
      assert.equal(c.edgeReplayTemplate, 'rtsp://{host}/Streaming/tracks/101?starttime={start}')
    }
    assert.deepEqual(a.credentials(), { username: 'admin', password: 'Bi-mat-9' })
    // A camera with its own stored credentials keeps them.
    assert.deepEqual(b.credentials(), { username: 'rieng', password: 'Cua-no' })
    assert.equal(await splitStoredTemplateCredentials(db.connection()), 0)
  })
})
