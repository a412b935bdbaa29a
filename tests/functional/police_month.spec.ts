import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { addClips, createCase } from '#actions/evidence/cases'
import { actorFromUser, makeCamera, makeUser, words } from '#tests/helpers'
import type User from '#models/user'

const at = (hhmm: string) => new Date(`2026-11-10T${hhmm}:00Z`)

/** Two runs on 10/11 with an hour's gap (02:00–03:00 UTC), each indexed in 10-minute segments. */
async function recordWithGap(cameraId: number) {
  for (const [from, to] of [
    ['01:00', '02:00'],
    ['03:00', '04:00'],
  ]) {
    const [run] = await db
      .table('recording_runs')
      .insert({
        camera_id: cameraId,
        started_at: at(from),
        ended_at: at(to),
        end_reason: 'unreachable',
      })
      .returning('id')
    for (let t = at(from).getTime(); t < at(to).getTime(); t += 600_000) {
      await db.table('recording_segments').insert({
        camera_id: cameraId,
        run_id: Number(run.id ?? run),
        started_at: new Date(t),
        ended_at: new Date(t + 600_000),
        duration_ms: 600_000,
        bytes: 1000,
        path: `/khong-co/thang/${cameraId}/${t}.ts`,
        sha256: 'b'.repeat(64),
      })
    }
  }
}

async function requestFootage(
  operator: User,
  caseNumber: string,
  requestedOn: string,
  cameraId: number,
  window: [string, string]
) {
  const kase = await createCase({
    actor: actorFromUser(operator),
    fields: {
      caseNumber,
      caseType: 'theft',
      description: 'Mất trộm xe máy',
      requestingAgency: 'Công an huyện',
      requestingPerson: 'Đại úy Hồ Văn Tâm',
      requestedOn,
    },
  })
  await addClips({
    actor: actorFromUser(operator),
    caseId: kase.id,
    cameraIds: [cameraId],
    startsAt: at(window[0]),
    endsAt: at(window[1]),
  })
  return kase
}

test.group("The police chief's month (issue 24)", (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('footage requests with their outcome, the case a gap left without footage, and camera downtime', async ({
    client,
    assert,
  }) => {
    const operator = await makeUser('operator')
    const committee = await makeUser('committee')
    const camera = await makeCamera('Ngã ba Đông', {
      installedOn: '2026-11-10',
      mainStreamUrl: 'rtsp://127.0.0.1:1/khong-ket-noi',
    })
    await recordWithGap(camera.id)
    const whole = await requestFootage(operator, 'VV-31/2026', '2026-11-10', camera.id, [
      '01:10',
      '01:40',
    ])
    await db
      .table('evidence_exports')
      .insert({ case_id: whole.id, status: 'done', progress: 100, created_by: operator.id })
    await requestFootage(operator, 'VV-32/2026', '2026-11-11', camera.id, ['01:50', '02:20'])
    await requestFootage(operator, 'VV-29/2026', '2026-10-30', camera.id, ['03:10', '03:20'])

    const page = await client.get('/reports/police-month?month=2026-11').loginAs(committee)
    page.assertStatus(200)
    const text = words(page.text())
    assert.include(text, 'Yêu cầu trích xuất 2')
    assert.include(text, 'Đã trích xuất 1')
    assert.include(text, 'Vụ việc bị mất hình 1')
    assert.match(
      text,
      /VV-31\/2026 Trộm cắp Công an huyện 10\/11\/2026 Đã trích xuất · Đang mở Đủ hình \(30:00\)/
    )
    assert.match(
      text,
      new RegExp(
        `VV-32/2026 .* Thiếu 20:00 trong 30:00 cần xem \\(camera ${camera.code} mất hình\\)`
      )
    )
    assert.notInclude(text, 'VV-29/2026')
    // Without recording: from the start of its installation day (00:00 in the commune,
    // 17:00 UTC the day before) to the first run at 01:00 UTC, 8 h; the gap, 1 h; and from
    // the last run (10/11 04:00 UTC) to the month's end (30/11 24:00 in the commune, 17:00
    // UTC), 20 days 13 h = 493 h: 502 h in all.
    assert.match(text, new RegExp(`${camera.code} Ngã ba Đông 502(?![\\d,])`))
    assert.notInclude(
      page.text(),
      '/evidence/',
      'the committee reads the cases, not the police files'
    )

    const forOperator = await client.get('/reports/police-month?month=2026-11').loginAs(operator)
    assert.include(forOperator.text(), `href="/evidence/${whole.id}"`)

    const treasurer = await client.get('/reports/police-month').loginAs(await makeUser('treasurer'))
    treasurer.assertStatus(403)
    const bad = await client
      .get('/reports/police-month?month=2026-13')
      .loginAs(committee)
      .redirects(0)
    assert.notEqual(bad.status(), 500)
  })
})
