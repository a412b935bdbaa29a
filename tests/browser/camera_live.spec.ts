import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import createLocation from '#actions/locations/save_location'
import saveHousehold from '#actions/households/save_household'
import { createCamera } from '#actions/cameras/save_camera'
import { actorFromUser, makeUser, signIn } from '#tests/helpers'

test.group('Camera status kept live in a real browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the cameras list changes a camera from offline to recording without a reload', async ({
    visit,
    assert,
  }) => {
    const operator = await makeUser('operator', { email: 'trucban@xa.test' })
    const actor = actorFromUser(await makeUser('technician'))
    const location = await createLocation({ actor, parentId: null, kind: 'route', name: 'Đê' })
    const household = await saveHousehold({
      actor,
      fields: { headName: 'Hộ Đê', consentSignedOn: '2026-04-01' },
    })
    const camera = await createCamera({
      actor,
      fields: {
        name: 'Chân đê',
        locationId: location.id,
        householdId: household.id,
        status: 'active',
        mainStreamUrl: 'rtsp://127.0.0.1:26554/cam1',
      },
    })

    const page = await signIn(visit, operator.email)
    await page.goto('/cameras')
    const cell = page.locator(`[data-live-camera="${camera.id}"]`)
    assert.equal(await cell.getAttribute('class'), 'live live-offline')
    const before = await cell.textContent()

    // The recorder writes a segment: within one poll the page says so.
    await db.from('cameras').where('id', camera.id).update({ last_recorded_at: new Date() })
    await page.waitForSelector(`[data-live-camera="${camera.id}"].live-recording`, {
      timeout: 12_000,
    })
    assert.notEqual(await cell.textContent(), before)
    assert.equal(await cell.textContent(), 'Đang ghi')
  }).timeout(30_000)
})
