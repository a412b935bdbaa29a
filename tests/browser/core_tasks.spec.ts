import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import Camera from '#models/camera'
import { formatNumber } from '#services/money'
import { seedSweepData } from '#tests/page_sweep/sweep_data'
import { signInAt } from '#tests/helpers'
import { communeList } from '#tests/donation_lists'
import { indexSegments, recordedSegments } from '#tests/footage_support'

/*
 * The programme's core tasks done the way a person does them: from the dashboard, by
 * clicking links and buttons, typing and choosing; never by posting a form. Each task
 * counts its steps (clicks that open a page or send a form; typing and choosing are free)
 * and must take at most four. The counts are printed at the end of the group.
 */

const MAX_STEPS = 4
const counts: string[] = []

class Steps {
  count = 0
  constructor(
    private task: string,
    private page: Page
  ) {}

  /** One step: a click that opens a page or sends a form. */
  async click(target: Locator) {
    this.count++
    await target.click()
    await this.page.waitForLoadState('load')
  }

  done(assert: { isAtMost: (n: number, max: number, message: string) => void }) {
    counts.push(`${this.task}: ${this.count}`)
    assert.isAtMost(this.count, MAX_STEPS, `${this.task} took ${this.count} steps`)
  }
}

/** The "Việc cần làm" card, where each role's work starts. */
const todo = (page: Page) => page.locator('[data-test="todo"]')

test.group('Core tasks from the dashboard, as people do them', (group) => {
  let cameraId = 0

  group.setup(async () => {
    const rollback = await testUtils.db().withGlobalTransaction()
    const data = await seedSweepData()
    cameraId = data.cameraId
    return async () => {
      await rollback()
      console.log(`Số bước / steps from the dashboard:\n  ${counts.join('\n  ')}`)
    }
  })

  test('admin creates a user with a role, then changes the role', async ({
    browserContext,
    assert,
  }) => {
    const page = await signInAt(browserContext, 'quet.admin@xa.test')
    const steps = new Steps('admin: create a user and change the role', page)
    await steps.click(todo(page).getByRole('link', { name: 'Tạo tài khoản' }))
    await page.getByLabel('Họ tên').fill('Huỳnh Thị Lan')
    await page.getByLabel('Email').fill('lan.thuquy@xa.test')
    await page.getByLabel('Vai trò').selectOption({ label: 'Thủ quỹ (MTTQ)' })
    await steps.click(page.getByRole('button', { name: 'Lưu' }))
    await page.locator('[data-test="one-time-password"]').waitFor()
    await page.getByLabel('Vai trò').selectOption({ label: 'Ban chỉ đạo' })
    await steps.click(page.getByRole('button', { name: 'Lưu' }))
    const user = await db.from('users').where('email', 'lan.thuquy@xa.test').firstOrFail()
    assert.equal(user.role, 'committee')
    assert.isTrue(user.password_change_required)
    steps.done(assert)
  })

  test('treasurer records a donation for a new donor and prints the receipt', async ({
    browserContext,
    assert,
  }) => {
    const page = await signInAt(browserContext, 'quet.treasurer@xa.test')
    const steps = new Steps('treasurer: donation from a new donor, receipt printed', page)
    await steps.click(todo(page).getByRole('link', { name: 'Ghi nhận ủng hộ' }))
    await page.getByLabel('Họ tên / tên đơn vị').fill('Bà Trương Thị Mến')
    await page.getByLabel('Thôn').fill('Thôn Năng Tây 3')
    await page.getByLabel('Số tiền (đồng)').fill('1.500.000')
    await steps.click(page.getByRole('button', { name: 'Ghi nhận và cấp phiếu thu' }))
    await steps.click(page.getByRole('link', { name: 'In phiếu thu' }))
    await page.evaluate(() => {
      const w = globalThis as any
      w.printed = 0
      w.print = () => w.printed++
    })
    await steps.click(page.locator('[data-test="print"]'))
    assert.equal(await page.evaluate(() => (globalThis as any).printed), 1)
    await page.getByText('Bà Trương Thị Mến').first().waitFor()
    await page.getByText('1.500.000').first().waitFor()
    const donor = await db.from('donors').where('name', 'Bà Trương Thị Mến').firstOrFail()
    assert.equal(donor.village, 'Thôn Năng Tây 3')
    steps.done(assert)
  })

  test('treasurer imports the donor list kept in Excel, as it is', async ({
    browserContext,
    assert,
  }) => {
    const page = await signInAt(browserContext, 'quet.treasurer@xa.test')
    const steps = new Steps('treasurer: import a donor list', page)
    await steps.click(todo(page).getByRole('link', { name: 'Nhập danh sách từ Excel' }))
    const { content, sum } = await communeList()
    await page.locator('#f-file').setInputFiles({
      name: 'danh-sach-ung-ho.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: content,
    })
    await steps.click(page.getByRole('button', { name: 'Kiểm tra tệp' }))
    // The anonymity request from the notes is there to confirm, ticked.
    assert.isTrue(await page.locator('[data-test="anonymous-choice"] input').isChecked())
    await steps.click(page.getByRole('button', { name: /^Xác nhận nhập 7 khoản/ }))
    await page.locator('[data-test="import-result"]').waitFor()
    await page.assertTextContains('[data-test="import-result-count"]', `7 · ${formatNumber(sum)}`)
    await page.assertTextContains('[data-test="import-result-anonymous"]', 'Phạm Thị Dung')
    const dung = await db.from('donors').where('name', 'Phạm Thị Dung').firstOrFail()
    assert.isTrue(dung.anonymous_public)
    steps.done(assert)
  })

  test('committee approves an expense, then the treasurer pays it', async ({
    browserContext,
    assert,
  }) => {
    const committee = await signInAt(browserContext, 'quet.committee@xa.test')
    committee.on('dialog', (d) => d.accept())
    const approve = new Steps('committee: approve an expense', committee)
    await approve.click(todo(committee).getByRole('link', { name: /Thay nguồn camera/ }))
    await approve.click(committee.getByRole('button', { name: 'Duyệt chi' }))
    const expense = await db
      .from('expenses')
      .where('payee', 'Cửa hàng điện Minh Phát')
      .where('amount', 450_000)
      .firstOrFail()
    assert.equal(expense.status, 'approved')
    approve.done(assert)

    await browserContext.clearCookies() // another person, another session
    const treasurer = await signInAt(browserContext, 'quet.treasurer@xa.test')
    treasurer.on('dialog', (d) => d.accept())
    const pay = new Steps('treasurer: pay an approved expense', treasurer)
    await pay.click(todo(treasurer).getByRole('link', { name: /Thay nguồn camera/ }))
    await pay.click(treasurer.getByRole('button', { name: 'Xác nhận đã chi tiền' }))
    assert.equal((await db.from('expenses').where('id', expense.id).firstOrFail()).status, 'paid')
    pay.done(assert)
  })

  test('technician registers a camera on a consenting household', async ({
    browserContext,
    assert,
  }) => {
    const household = await db
      .from('households')
      .whereNotNull('consent_signed_on')
      .orderBy('id')
      .firstOrFail()
    const location = await db.from('locations').where('name', 'Thôn An Đại 1').firstOrFail()
    const page = await signInAt(browserContext, 'quet.technician@xa.test')
    const steps = new Steps('technician: register a camera', page)
    await steps.click(todo(page).getByRole('link', { name: 'Thêm camera' }))
    await page.locator('#f-name').fill('Cổng nhà văn hóa An Đại 1')
    await page.locator('#f-location_id').selectOption(String(location.id))
    await page.locator('#f-household_id').selectOption(String(household.id))
    await page.locator('#f-status').selectOption('active')
    await steps.click(page.getByRole('button', { name: 'Lưu' }))
    const camera = await Camera.findByOrFail('name', 'Cổng nhà văn hóa An Đại 1')
    assert.equal(camera.householdId, household.id)
    assert.equal(camera.status, 'active')
    steps.done(assert)
  })

  test('a household reports a broken camera from its QR label on a phone', async ({
    browserContext,
    assert,
  }) => {
    const camera = await Camera.findOrFail(cameraId)
    const page = await browserContext.newPage()
    await page.setViewportSize({ width: 375, height: 812 })
    // Scanning the label opens the page: no step in the app.
    await page.goto(`/bao-hong/${camera.code}`)
    const steps = new Steps('household: report a fault by QR', page)
    await page.getByLabel(/Mô tả/).fill('Camera bị lệch sau trận gió tối qua')
    await steps.click(page.getByRole('button', { name: /Gửi/ }))
    await page.getByText('Đã nhận báo hỏng').first().waitFor()
    const report = await db
      .from('fault_reports')
      .where('description', 'Camera bị lệch sau trận gió tối qua')
      .firstOrFail()
    assert.equal(report.camera_id, camera.id)
    steps.done(assert)
  })

  test('operator plays back an hour and exports it as evidence', async ({
    browserContext,
    assert,
  }) => {
    // Real footage: six 2 s H.264 segments yesterday at 10:00 commune time.
    const files = await recordedSegments(await mkdtemp(join(tmpdir(), 'core-tasks-')), 6)
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    const base = new Date(`${yesterday}T03:00:00Z`)
    const [run] = await db
      .table('recording_runs')
      .insert({
        camera_id: cameraId,
        started_at: base,
        ended_at: new Date(base.getTime() + 12_000),
        end_reason: 'unreachable',
      })
      .returning('id')
    await indexSegments(
      cameraId,
      base,
      files.map((path, i) => ({ at: i * 2, seconds: 2, path, run: Number(run.id ?? run) }))
    )

    const page = await signInAt(browserContext, 'quet.operator@xa.test')
    const steps = new Steps('operator: play back an hour and export it', page)
    await todo(page).getByLabel('Camera').selectOption(String(cameraId))
    await todo(page).getByLabel('Ngày').fill(yesterday)
    await steps.click(todo(page).getByRole('button', { name: 'Xem lại' }))
    await page.locator('[data-test="export-evidence"]').waitFor()
    const form = page.locator('[data-test="export-evidence"]')
    await form.getByLabel('Số hồ sơ').fill('VV-31/2026')
    await form.getByLabel('Nội dung vụ việc').fill('Va chạm giao thông trên Quốc lộ 1A')
    await form.getByLabel('Cơ quan đề nghị').fill('Công an huyện Tư Nghĩa')
    await form.getByLabel('Người đề nghị').fill('Đại úy Trần Văn Nam')
    await steps.click(form.getByRole('button', { name: 'Trích xuất' }))
    const download = page.getByRole('link', { name: /^Tải về/ })
    await download.waitFor({ timeout: 60_000 })
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      (steps.count++, download.click()),
    ])
    assert.match(file.suggestedFilename(), /\.zip$/)
    const kase = await db.from('evidence_cases').where('case_number', 'VV-31/2026').firstOrFail()
    const clip = await db.from('evidence_clips').where('case_id', kase.id).firstOrFail()
    assert.equal(clip.camera_id, cameraId)
    assert.equal(
      (await db.from('evidence_exports').where('case_id', kase.id).firstOrFail()).status,
      'done'
    )
    steps.done(assert)
  }).timeout(180_000)

  test('committee prints its report', async ({ browserContext, assert }) => {
    const page = await signInAt(browserContext, 'quet.committee@xa.test')
    const steps = new Steps('committee: print the report', page)
    await steps.click(todo(page).getByRole('link', { name: 'Lập báo cáo Ban chỉ đạo' }))
    await steps.click(page.getByRole('button', { name: 'Xem bản in (A4)' }))
    await page.locator('[data-test="print-toolbar"]').waitFor()
    await page.evaluate(() => {
      const w = globalThis as any
      w.printed = 0
      w.print = () => w.printed++
    })
    await steps.click(page.getByRole('button', { name: 'In báo cáo' }))
    assert.equal(await page.evaluate(() => (globalThis as any).printed), 1)
    // The figure printed is the ledger's (the sample's 118.500.000 đ plus this group's gifts).
    const [raised] = await db.from('donations').sum('amount as total')
    assert.include(await page.content(), `${formatNumber(Number(raised.total))} đồng`)
    steps.done(assert)
  })
})
