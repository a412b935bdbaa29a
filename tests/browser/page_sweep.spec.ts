import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import app from '@adonisjs/core/services/app'
import { mkdir, rm } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { ROLES, type Role } from '#services/roles'
import { namedRoutes } from '#tests/security/route_probe'
import { problemsOf, readPage } from '#tests/page_sweep/checks'
import { seedSweepData } from '#tests/page_sweep/sweep_data'
import { signInAt } from '#tests/helpers'
import { communeList } from '#tests/donation_lists'

/*
 * The page sweep: every role signs in through the login form and opens every page its
 * navigation and the seeded records link to, at 1280 px and at 375 px, in real Chromium
 * against the real server and database. A page fails on template code or keys printed as
 * text, English words on a Vietnamese page, a server error, a script error, or sideways
 * scrolling on a phone. A GET route that no role reaches fails the sweep too, unless it is
 * listed below as not being a page, the way the permission matrix fails a new route.
 * Screenshots of every page go to tmp/page-sweep (printed at the end, not committed).
 */

/** GET routes that are not pages a person reads, and why. */
const NOT_PAGES: Record<string, string> = {
  'health.show': 'JSON for monitoring',
  'vendor': 'scripts served by the app',
  'exports.donations': 'a download',
  'exports.donors': 'a download',
  'reports.committee_xlsx': 'a download',
  'reports.download': 'a download',
  'cameras.export': 'a download',
  'cameras.live': 'JSON status polled by the camera list',
  'cameras.onvif.discover': 'JSON for the ONVIF form',
  'site_plan.image': 'an image',
  'households.consent_scan': 'an uploaded file',
  'cameras.agreement.scan': 'an uploaded file',
  'expenses.attachments.show': 'an uploaded file',
  'tickets.photos.show': 'an uploaded file',
  'footage.live_one': 'JSON that starts a live stream',
  'footage.live_playlist': 'an HLS playlist',
  'footage.live_segment': 'video',
  'footage.playlist': 'an HLS playlist',
  'footage.pick': 'the dashboard form that redirects to a playback page',
  'footage.segment': 'video',
  'footage.segment_rendition': 'video (an H.264 copy of an H.265 segment)',
  'footage.gaps': 'JSON for the timeline',
  'evidence.download': 'a download',
  'evidence.export_status': 'JSON export progress',
  'evidence.exports.download': 'a download',
}

const WIDTHS = [1280, 375] as const
const SHOTS = app.makePath('tmp/page-sweep')

type Who = Role | 'anonymous'
const reached = new Map<string, Set<Who>>()
const failures: string[] = []

function routeOf(url: URL) {
  const match = router.match(url.pathname, 'GET')
  return match?.route.name ?? null
}

/** Opens a page at both widths, checks it and keeps a screenshot of each. */
async function checkPage(page: Page, who: Who, url: string, errors: string[]) {
  const name = routeOf(new URL(url, 'http://x')) ?? url
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 })
    errors.length = 0
    const response = await page.goto(url)
    await page.waitForLoadState('load')
    const reading = { status: response?.status() ?? null, ...(await readPage(page)) }
    const problems = problemsOf(reading, { phone: width === 375 })
    if (errors.length) problems.push(`script error: ${errors.join(' | ')}`)
    if (problems.length)
      failures.push(`${who} ${width}px ${url} (${name}):\n  - ${problems.join('\n  - ')}`)
    const file = `${who}-${width}-${name.replace(/[^\w.-]+/g, '_')}.jpg`
    await page.screenshot({ path: `${SHOTS}/${file}`, fullPage: true, type: 'jpeg', quality: 60 })
  }
  if (!reached.has(name)) reached.set(name, new Set())
  reached.get(name)!.add(who)
}

/**
 * Checks the page a form just answered with (import preview, printable report) at both
 * widths, without opening it again: it has no address of its own.
 */
async function checkAnswer(page: Page, who: Who, name: string, errors: string[]) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 })
    const reading = { status: null, ...(await readPage(page)) }
    const problems = problemsOf(reading, { phone: width === 375 })
    if (errors.length) problems.push(`script error: ${errors.join(' | ')}`)
    if (problems.length) failures.push(`${who} ${width}px ${name}:\n  - ${problems.join('\n  - ')}`)
    const file = `${who}-${width}-${name}.jpg`
    await page.screenshot({ path: `${SHOTS}/${file}`, fullPage: true, type: 'jpeg', quality: 60 })
  }
  errors.length = 0
}

/** Pages that answer a form: the treasurer's import preview (with errors), the report. */
const FORM_ANSWERS: Partial<Record<Who, (page: Page) => Promise<string>>> = {
  async treasurer(page) {
    // The commune's own list (title, STT, totals, signatures, an anonymity request, names
    // shared with listed donors) with one row in error.
    await page.goto('/donation-imports/create')
    const { content } = await communeList({ withError: true })
    await page.locator('#f-file').setInputFiles({
      name: 'danh-sach-ung-ho.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: content,
    })
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click()
    await page.waitForLoadState('load')
    return 'donation_imports.preview'
  },
  async committee(page) {
    await page.goto('/reports/committee')
    await page.getByRole('button', { name: 'Xem bản in (A4)' }).click()
    await page.waitForLoadState('load')
    return 'reports.committee_print'
  },
}

/**
 * A page reached from a form answer by a GET form: the import preview read again with the
 * treasurer's choice of columns (its URL can be opened again).
 */
const AFTER_ANSWER: Partial<Record<Who, (page: Page) => Promise<string>>> = {
  async treasurer(page) {
    const columns = page.locator('[data-test="import-columns"]')
    if (!(await columns.getAttribute('open'))) await columns.locator('summary').click()
    await columns.getByLabel('SĐT').selectOption({ label: 'Ghi chú' })
    await columns.getByLabel('Ghi chú').selectOption({ label: 'SĐT' })
    await columns.getByRole('button', { name: 'Đọc lại với các cột này' }).click()
    await page.waitForLoadState('load')
    return page.url()
  },
}

/**
 * Follows every same-site link from the start pages, one URL per route. Each start page is
 * opened whatever its route (a second record of a kind can hold links the first does not).
 */
async function crawl(page: Page, who: Who, start: string[], errors: string[]) {
  const seenRoutes = new Set<string>()
  const queue = [...start]
  const starts = new Set(start)
  while (queue.length) {
    const url = queue.shift()!
    const name = routeOf(new URL(url, 'http://x'))
    const key = name ?? url
    if (seenRoutes.has(key) && !starts.has(url)) continue
    starts.delete(url)
    seenRoutes.add(key)
    await checkPage(page, who, url, errors)
    const links: string[] = await page.evaluate(() =>
      [...(globalThis as any).document.querySelectorAll('a[href]')]
        .filter((a: any) => !a.hasAttribute('download'))
        .map((a: any) => a.getAttribute('href'))
    )
    for (const href of links) {
      if (!href.startsWith('/') || href.startsWith('//')) continue
      const target = routeOf(new URL(href, 'http://x'))
      if (!target || target in NOT_PAGES || target.startsWith('api.')) continue
      if (target === 'session.create') continue
      if (!seenRoutes.has(target)) queue.push(href)
    }
  }
}

function trackErrors(page: Page) {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text())
  })
  return errors
}

test.group('Page sweep: every page, every role, phone and desk', (group) => {
  let cameraCode = ''
  let cameraId = 0
  let extraPages: Partial<Record<Role, string[]>> = {}

  group.setup(async () => {
    await rm(SHOTS, { recursive: true, force: true })
    await mkdir(SHOTS, { recursive: true })
    const rollback = await testUtils.db().withGlobalTransaction()
    const data = await seedSweepData()
    cameraId = data.cameraId
    extraPages = data.extraPages
    const { default: Camera } = await import('#models/camera')
    cameraCode = (await Camera.findOrFail(cameraId)).code
    return async () => {
      await rollback()
      console.log(`Ảnh chụp các trang / page screenshots: ${SHOTS}`)
    }
  })

  for (const role of ROLES) {
    test(`${role} signs in and every page it reaches reads right`, async ({
      browserContext,
      assert,
    }) => {
      failures.length = 0
      const page = await signInAt(browserContext, `quet.${role}@xa.test`)
      const errors = trackErrors(page)
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
      const extra = [
        ...(role === 'admin' || role === 'operator'
          ? [`/footage/cameras/${cameraId}?day=${yesterday}`]
          : []),
        ...(extraPages[role] ?? []),
      ]
      await crawl(page, role, ['/', ...extra], errors)
      const answer = FORM_ANSWERS[role]
      if (answer) await checkAnswer(page, role, await answer(page), errors)
      const next = AFTER_ANSWER[role]
      if (next) await checkPage(page, role, await next(page), errors)
      assert.deepEqual(failures, [], failures.join('\n'))
    }).timeout(600_000)
  }

  test('a visitor without an account reads the public pages right', async ({
    browserContext,
    assert,
  }) => {
    failures.length = 0
    const page = await browserContext.newPage()
    const errors = trackErrors(page)
    await crawl(page, 'anonymous', ['/login', '/cong-khai', `/bao-hong/${cameraCode}`], errors)
    assert.deepEqual(failures, [], failures.join('\n'))
  }).timeout(120_000)

  test('every page of the app is reached by the sweep', ({ assert }) => {
    const pages = namedRoutes().filter(
      (r) => r.method === 'GET' && !r.name.startsWith('api.') && !(r.name in NOT_PAGES)
    )
    const missed = pages.filter((r) => !reached.has(r.name)).map((r) => `${r.name} ${r.pattern}`)
    assert.deepEqual(missed, [], `pages no role reached:\n${missed.join('\n')}`)
  })
})
