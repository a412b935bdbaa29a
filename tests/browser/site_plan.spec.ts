import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import db from '@adonisjs/lucid/services/db'
import createLocation from '#actions/locations/save_location'
import saveHousehold from '#actions/households/save_household'
import { createCamera } from '#actions/cameras/save_camera'
import { actorFromUser, makeUser, signIn } from '#tests/helpers'

test.group('Site plan in a real browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the admin uploads the diagram, places a camera by clicking, and its QR label opens the public fault page', async ({
    visit,
    assert,
  }) => {
    const admin = await makeUser('admin', { email: 'quantri2@xa.test' })
    const actor = actorFromUser(admin)
    const location = await createLocation({
      actor,
      parentId: null,
      kind: 'route',
      name: 'Quốc lộ 1A',
    })
    const household = await saveHousehold({
      actor,
      fields: { headName: 'Hộ Lê Văn Tư', consentSignedOn: '2026-04-01' },
    })
    const camera = await createCamera({
      actor,
      fields: {
        name: 'Cầu Quốc lộ',
        locationId: location.id,
        householdId: household.id,
        status: 'active',
      },
    })

    const page = await signIn(visit, 'quantri2@xa.test')

    // A real PNG to stand for the commune's hand-drawn diagram.
    await page.setViewportSize({ width: 900, height: 700 })
    const diagram = join(tmpdir(), `so-do-${Date.now()}.png`)
    await writeFile(diagram, await page.screenshot({ type: 'png' }))

    await page.goto('/site-plan')
    await page.getByLabel('Ảnh sơ đồ (JPG hoặc PNG, tối đa 10 MB)').setInputFiles(diagram)
    await page.getByRole('button', { name: 'Tải sơ đồ lên' }).click()
    await page.waitForSelector('[data-plan-image]')
    await page.waitForFunction(
      `(() => { const img = document.querySelector('[data-plan-image]'); return !!img && img.complete && img.naturalWidth > 0 })()`
    )

    await page.getByLabel('Camera cần đặt').selectOption(String(camera.id))
    const box = (await page.locator('[data-plan-image]').boundingBox())!
    await page
      .locator('[data-plan-image]')
      .click({ position: { x: box.width * 0.3, y: box.height * 0.6 } })
    await page.waitForSelector(`[data-test="pin"][data-code="${camera.code}"]`)

    const row = await db.from('cameras').where('id', camera.id).firstOrFail()
    assert.closeTo(Number(row.plan_x), 0.3, 0.02)
    assert.closeTo(Number(row.plan_y), 0.6, 0.02)

    // Reloaded, the pin is still there, coloured by status, and links to the camera.
    await page.reload()
    const pin = page.locator(`[data-test="pin"][data-code="${camera.code}"]`)
    assert.equal(await pin.getAttribute('href'), `/cameras/${camera.id}`)
    assert.include(await pin.getAttribute('class'), 'live-offline')

    await page.goto('/cameras/labels')
    const label = page.locator('[data-test="label"]', { hasText: camera.code })
    assert.equal(await label.locator('svg').count(), 1)
    await page.goto(`/bao-hong/${camera.code}`)
    await page.assertTextContains('h1', 'Báo camera hỏng')
    await page.getByLabel('Mô tả hư hỏng').fill('Đèn hồng ngoại không sáng ban đêm')
    await page.getByRole('button', { name: 'Gửi báo hỏng' }).click()
    await page.assertTextContains('[data-test="fault-done"]', camera.code)
  })
})
