import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeUser } from '#tests/helpers'

test.group('In a real browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a treasurer signs in, sees the Vietnamese dashboard and switches to English', async ({
    visit,
    assert,
  }) => {
    const user = await makeUser('treasurer', { email: 'thuquy@xa.test' })

    const page = await visit('/login')
    await page.assertTitleContains('Đăng nhập')
    await page.getByLabel('Email').fill('thuquy@xa.test')
    await page.getByLabel('Mật khẩu').fill('mat-khau-du-dai')
    await page.getByRole('button', { name: 'Đăng nhập' }).click()

    await page.waitForURL((url) => url.pathname === '/')
    await page.assertTextContains('h1', `Xin chào, ${user.fullName}`)
    await page.assertTextContains('body', 'Thủ quỹ (MTTQ)')
    // Their dashboard starts with their work: record a donation.
    await page.assertTextContains('[data-test="todo"]', 'Việc cần làm')
    await page.assertTextContains('[data-test="todo"]', 'Ghi nhận ủng hộ')
    // A treasurer's navigation has no user administration.
    assert.equal(await page.locator('nav.mainnav a[href="/admin/users"]').count(), 0)
    // The money charts are drawn by chart.js served by the app (nothing from a CDN).
    await page.waitForSelector('[data-test="dash-money"] canvas')
    const drawn = await page.evaluate(() => {
      const g = globalThis as any
      return [...g.document.querySelectorAll('canvas[data-chart]')].map(
        (c: any) => !!g.Chart?.getChart(c)
      )
    })
    assert.isAbove(drawn.length, 0)
    assert.isTrue(drawn.every(Boolean))

    await page.locator('[data-test="switch-locale"]').click()
    await page.waitForSelector('html[lang="en"]')
    await page.assertTextContains('h1', `Hello, ${user.fullName}`)
    await page.assertTextContains('[data-test="todo"]', 'Record a donation')

    // The choice follows the account: a reload stays in English.
    await page.reload()
    await page.assertTextContains('h1', 'Hello')
  })

  test('on a phone the menu is one button until opened', async ({ visit, assert }) => {
    await makeUser('treasurer', { email: 'dienthoai@xa.test' })
    const page = await visit('/login')
    await page.setViewportSize({ width: 375, height: 812 })
    await page.getByLabel('Email').fill('dienthoai@xa.test')
    await page.getByLabel('Mật khẩu').fill('mat-khau-du-dai')
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await page.waitForURL((url) => url.pathname === '/')
    const header = await page.locator('header.topbar').boundingBox()
    assert.isBelow(header!.height, 160, 'the closed menu leaves the screen to the content')
    assert.isFalse(await page.locator('#mainnav').isVisible())
    const toggle = page.getByRole('button', { name: /Danh mục/ })
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false')
    await toggle.click()
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true')
    await page.locator('#mainnav').getByRole('link', { name: 'Ủng hộ', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/donations')
    // At a desk the menu is always open and the button is not there.
    await page.setViewportSize({ width: 1280, height: 900 })
    assert.isTrue(await page.locator('#mainnav').isVisible())
    assert.isFalse(await toggle.isVisible())
  })

  test('the layout fits a 375 px phone screen without sideways scrolling', async ({
    visit,
    browserContext,
    assert,
  }) => {
    await makeUser('admin', { email: 'quantri@xa.test' })
    const page = await visit('/login')
    await page.setViewportSize({ width: 375, height: 740 })
    await page.getByLabel('Email').fill('quantri@xa.test')
    await page.getByLabel('Mật khẩu').fill('mat-khau-du-dai')
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await page.waitForURL((url) => url.pathname === '/')
    for (const path of [
      '/',
      '/admin/users',
      '/audit',
      '/profile',
      '/donations',
      '/donors',
      '/donation-batches',
      '/funds',
      '/cong-khai',
      '/budget',
      '/expenses',
      '/cameras',
      '/site-plan',
      '/households',
    ]) {
      await page.goto(path)
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth'
      )
      assert.isAtMost(overflow, 0, `${path} scrolls sideways on a phone`)
    }
    await browserContext.close()
  })
})
