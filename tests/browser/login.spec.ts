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
    await page.assertTextContains('body', 'Tình trạng hệ thống')
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
    await page.assertTextContains('body', 'System status')

    // The choice follows the account: a reload stays in English.
    await page.reload()
    await page.assertTextContains('h1', 'Hello')
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
