import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { downtimeByMonth } from '#services/tickets/downtime'
import { DISPLAY_ZONE } from '#services/dates'
import { makeCamera, makeUser } from '#tests/helpers'
import { committeeWorkbook } from '#tests/report_support'

const at = (iso: string) => DateTime.fromISO(iso, { zone: DISPLAY_ZONE }).toJSDate()

/*
 * Coverage counts from a camera's installation (or first recording), one rule for the
 * committee's workbook, the camera page, the dashboard and downtime (issue 22).
 */
test.group('Coverage starts when the camera was installed', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a camera installed in April has no coverage rows before April, and is not short for the months before', async ({
    client,
    assert,
  }) => {
    const april = await makeCamera('Cổng chợ', { installedOn: '2026-04-10' })
    const planned = await makeCamera('Thôn mới', { status: 'planned' })
    // One day recorded from 08:00 on the installation day.
    await db.table('recording_runs').insert({
      camera_id: april.id,
      started_at: at('2026-04-10T08:00'),
      ended_at: at('2026-04-11T08:00'),
      end_reason: 'unreachable',
    })
    const committee = await makeUser('committee')
    const workbook = await committeeWorkbook(client, committee, {
      from: '2026-01-01',
      to: '2026-04-30',
    })
    const days = workbook.rows('Ghi hình').filter((r) => r[0] === april.code)
    assert.lengthOf(days, 21, '10 to 30 April, nothing from January')
    const day = (d: unknown) => DateTime.fromJSDate(d as Date, { zone: 'utc' }).toISODate()
    assert.equal(day(days[0][1]), '2026-04-10')
    assert.closeTo(days[0][2] as number, 16 / 24, 0.001)
    assert.closeTo(days[1][2] as number, 8 / 24, 0.001)
    assert.equal(days[2][2], 0, 'after installation a day without recording is 0 %')
    assert.isEmpty(
      workbook.rows('Ghi hình').filter((r) => r[0] === planned.code),
      'a planned camera has no rows'
    )

    // The period's share counts from installation: 24 h of 21 days, not of 120.
    const cameras = workbook.rows('Camera')
    const row = (code: string) => cameras.find((r) => r[0] === code)!
    assert.closeTo(row(april.code)[5] as number, 1 / 21, 0.001)
    assert.equal(row(planned.code)[5], 'Chưa lắp')
  })

  test('the camera page says "Chưa lắp" for the days before installation', async ({
    client,
    assert,
  }) => {
    const today = DateTime.now().setZone(DISPLAY_ZONE)
    const fresh = await makeCamera('Đầu cầu', {
      installedOn: today.minus({ days: 2 }).toISODate()!,
    })
    const technician = await makeUser('technician')
    const page = await client.get(`/cameras/${fresh.id}`).loginAs(technician)
    page.assertStatus(200)
    const html = page.text()
    const before = today.minus({ days: 3 }).toFormat('dd/MM/yyyy')
    const installed = today.minus({ days: 2 }).toFormat('dd/MM/yyyy')
    assert.match(html, new RegExp(`<td>${before}</td>\\s*<td class="num muted">Chưa lắp</td>`))
    assert.match(html, new RegExp(`<td>${installed}</td>\\s*<td class="num bad">0%</td>`))
  })

  test('downtime counts from installation until the first recording', async ({ assert }) => {
    const late = await makeCamera('Bến đò', {
      installedOn: '2026-11-01',
      mainStreamUrl: 'rtsp://192.168.1.50/stream1',
    })
    // Installed on 1 November, first recorded from 3 November: 48 h down, then recording.
    await db.table('recording_runs').insert({
      camera_id: late.id,
      started_at: at('2026-11-03T00:00'),
      ended_at: at('2026-11-20T11:59'),
      end_reason: null,
    })
    const report = await downtimeByMonth(
      1,
      DateTime.fromISO('2026-11-20T12:00', { zone: DISPLAY_ZONE })
    )
    const row = report.cameras.find((c) => c.code === late.code)
    assert.deepEqual(row?.hours, [48])
  })
})
