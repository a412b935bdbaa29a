import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import yazl from 'yazl'
import createLocation from '#actions/locations/save_location'
import saveHousehold from '#actions/households/save_household'
import { createCamera } from '#actions/cameras/save_camera'
import { verifyPackage } from '#services/evidence/verify_package'
import EvidenceVerify from '#commands/evidence_verify'
import { actorFromUser, makeUser } from '#tests/helpers'
import { sleep } from '#tests/recorder_support'
import { indexSegments, readZip, recordedSegments } from '#tests/footage_support'

async function aCamera() {
  const actor = actorFromUser(await makeUser('technician'))
  const location = await createLocation({ actor, parentId: null, kind: 'route', name: 'Ngã tư' })
  const household = await saveHousehold({
    actor,
    fields: { headName: 'Hộ C', consentSignedOn: '2026-01-01' },
  })
  return createCamera({
    actor,
    fields: {
      name: 'Ngã tư chợ',
      locationId: location.id,
      householdId: household.id,
      status: 'active',
      mainStreamUrl: 'rtsp://192.168.1.50/stream1',
    },
  })
}

function writeZip(path: string, files: Map<string, Buffer>) {
  return new Promise<void>((resolve, reject) => {
    const zip = new yazl.ZipFile()
    for (const [name, content] of files) zip.addBuffer(content, name)
    zip.end()
    const chunks: Buffer[] = []
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c))
    zip.outputStream.on('end', () => writeFile(path, Buffer.concat(chunks)).then(resolve, reject))
  })
}

test.group('Playback: the HLS playlist from the segment index', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('one entry per segment with its wall-clock time; a discontinuity exactly at the gap and at a new run', async ({
    client,
    assert,
  }) => {
    const camera = await aCamera()
    const base = new Date('2026-11-27T03:00:00Z') // 10:00 in the commune
    const ids = await indexSegments(camera.id, base, [
      { at: 0, seconds: 60, path: '/nonexistent/a.ts', run: 1 },
      { at: 60, seconds: 60, path: '/nonexistent/b.ts', run: 1 },
      { at: 120, seconds: 60, path: '/nonexistent/c.ts', run: 1 },
      // 30 s gap (power cut), then a new run.
      { at: 210, seconds: 60, path: '/nonexistent/d.ts', run: 2 },
      { at: 270, seconds: 45.5, path: '/nonexistent/e.ts', run: 2 },
      // Straight after, but a new run (new ffmpeg: timestamps start again).
      { at: 315.5, seconds: 60, path: '/nonexistent/f.ts', run: 3 },
    ])
    const operator = await makeUser('operator')
    const response = await client
      .get(`/footage/cameras/${camera.id}/playlist.m3u8`)
      .qs({ day: '2026-11-27' })
      .loginAs(operator)
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/vnd.apple.mpegurl')
    const lines = response.text().trim().split('\n')
    assert.equal(lines[0], '#EXTM3U')
    assert.include(lines, '#EXT-X-PLAYLIST-TYPE:VOD')
    assert.equal(lines.at(-1), '#EXT-X-ENDLIST')
    const uris = lines.filter((l) => l.startsWith('/footage/segments/'))
    assert.deepEqual(
      uris,
      ids.map((id) => `/footage/segments/${id}`)
    )
    const times = lines
      .filter((l) => l.startsWith('#EXT-X-PROGRAM-DATE-TIME:'))
      .map((l) => l.slice(25))
    assert.deepEqual(
      times,
      [0, 60, 120, 210, 270, 315.5].map((s) => new Date(base.getTime() + s * 1000).toISOString())
    )
    const durations = lines.filter((l) => l.startsWith('#EXTINF:'))
    assert.deepEqual(durations, [
      '#EXTINF:60.000,',
      '#EXTINF:60.000,',
      '#EXTINF:60.000,',
      '#EXTINF:60.000,',
      '#EXTINF:45.500,',
      '#EXTINF:60.000,',
    ])
    // A discontinuity right before d (after the gap) and f (new run), nowhere else.
    const before = (uri: string) => lines[lines.indexOf(uri) - 3]
    assert.equal(before(uris[3]), '#EXT-X-DISCONTINUITY')
    assert.equal(before(uris[5]), '#EXT-X-DISCONTINUITY')
    assert.lengthOf(
      lines.filter((l) => l === '#EXT-X-DISCONTINUITY'),
      2
    )
    assert.include(lines, '#EXT-X-TARGETDURATION:60')

    const audit = await db.from('audit_events').where('action', 'footage.view').firstOrFail()
    assert.equal(audit.entity_id, String(camera.id))
    assert.equal(audit.actor_id, operator.id)

    // The playback page shows the gap with its bar.
    const page = await client
      .get(`/footage/cameras/${camera.id}`)
      .qs({ day: '2026-11-27' })
      .loginAs(operator)
    page.assertStatus(200)
    page.assertTextIncludes('2 đoạn có hình, 3 khoảng mất hình, 6 tệp ghi')
    page.assertTextIncludes('27/11/2026 10:03:00')
  })

  test('segments by id with range requests; paths are never accepted; other roles are refused', async ({
    client,
    assert,
  }) => {
    const camera = await aCamera()
    const dir = await mkdtemp(join(tmpdir(), 'seg-'))
    const file = join(dir, 'x.ts')
    await writeFile(file, Buffer.from('0123456789abcdefghij'))
    const [id] = await indexSegments(camera.id, new Date('2026-11-27T03:00:00Z'), [
      { at: 0, seconds: 60, path: file, run: 1 },
    ])
    const operator = await makeUser('operator')
    const whole = await client.get(`/footage/segments/${id}`).loginAs(operator)
    whole.assertStatus(200)
    whole.assertHeader('accept-ranges', 'bytes')
    const text = (r: { body(): unknown }) => Buffer.from(r.body() as Buffer).toString('latin1')
    assert.equal(text(whole), '0123456789abcdefghij')
    const part = await client
      .get(`/footage/segments/${id}`)
      .header('range', 'bytes=5-9')
      .loginAs(operator)
    part.assertStatus(206)
    part.assertHeader('content-range', 'bytes 5-9/20')
    assert.equal(text(part), '56789')
    const tail = await client
      .get(`/footage/segments/${id}`)
      .header('range', 'bytes=-4')
      .loginAs(operator)
    assert.equal(text(tail), 'ghij')
    const past = await client
      .get(`/footage/segments/${id}`)
      .header('range', 'bytes=50-')
      .loginAs(operator)
    past.assertStatus(416)

    for (const url of [
      '/footage/segments/..%2F..%2F..%2Fetc%2Fpasswd',
      `/footage/segments/${id}%2F..%2F..%2F.env`,
      '/footage/live/1/main/..%2F..%2F..%2F.env',
      '/footage/live/1/main/seg_00001.ts%00.env',
      '/vendor/..%2F..%2Fpackage.json',
      '/footage/segments/999999999',
    ]) {
      const response = await client.get(url).loginAs(operator)
      assert.equal(response.status(), 404, url)
    }
    for (const role of ['treasurer', 'technician', 'committee', 'viewer'] as const) {
      const user = await makeUser(role)
      assert.equal((await client.get(`/footage/segments/${id}`).loginAs(user)).status(), 403, role)
      assert.equal(
        (
          await client
            .get(`/footage/cameras/${camera.id}/playlist.m3u8`)
            .qs({ day: '2026-11-27' })
            .loginAs(user)
        ).status(),
        403,
        role
      )
      assert.equal((await client.get('/evidence').loginAs(user)).status(), 403, role)
      assert.equal((await client.get('/footage/live').loginAs(user)).status(), 403, role)
    }
    ;(await client.get('/vendor/hls.min.js')).assertStatus(200)
    await rm(dir, { recursive: true, force: true })
  })
})

test.group('Evidence: cases, export package, verification', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a window spanning a gap exports one MP4 + .srt per camera, the manifest lists the gap; download and verify are in the custody log; one flipped byte is found', async ({
    client,
    assert,
  }) => {
    const camera = await aCamera()
    const dir = await mkdtemp(join(tmpdir(), 'evidence-'))
    const files = await recordedSegments(dir, 3)
    assert.lengthOf(files, 3)
    const base = new Date('2026-11-27T03:00:00Z')
    await indexSegments(camera.id, base, [
      { at: 0, seconds: 2, path: files[0], run: 1 },
      { at: 2, seconds: 2, path: files[1], run: 1 },
      { at: 30, seconds: 2, path: files[2], run: 2 },
    ])
    const operator = await makeUser('operator', { email: 'cong.an@example.vn' })

    const bad = await client
      .post('/evidence')
      .loginAs(operator)
      .form({
        case_number: '',
        case_type: 'robbery',
        description: 'x',
        requesting_agency: '',
        requesting_person: '',
        requested_on: '',
      })
      .withCsrfToken()
      .redirects(0)
    const errors = bad.flashMessage('inputErrorsBag')
    assert.deepEqual(errors.case_type, ['Loại vụ việc không hợp lệ'])
    assert.exists(errors.requesting_agency)
    const created = await client
      .post('/evidence')
      .loginAs(operator)
      .form({
        case_number: 'VV-12/2026',
        case_type: 'traffic_accident',
        description: 'Va chạm xe máy tại ngã tư chợ',
        requesting_agency: 'Công an huyện',
        requesting_person: 'Đại uý Nguyễn Văn A',
        requested_on: '27/11/2026',
      })
      .withCsrfToken()
    created.assertStatus(200)
    const kase = await db.from('evidence_cases').where('case_number', 'VV-12/2026').firstOrFail()

    const future = await client
      .post(`/evidence/${kase.id}/clips`)
      .loginAs(operator)
      .form({ camera_ids: [camera.id], from: '2099-01-01T10:00', to: '2099-01-01T10:05' })
      .withCsrfToken()
    future.assertTextIncludes('Khoảng thời gian phải đã kết thúc')
    const clip = await client
      .post(`/evidence/${kase.id}/clips`)
      .loginAs(operator)
      .form({ camera_ids: [camera.id], from: '2026-11-27T10:00:01', to: '2026-11-27T10:00:31' })
      .withCsrfToken()
    clip.assertStatus(200)
    clip.assertTextIncludes('Đã thêm 1 đoạn hình.')
    // All three segments touch the window: all are held from retention while the case is open.
    assert.equal(
      Number((await db.from('segment_holds').where('case_id', kase.id).count('* as n'))[0].n),
      3
    )

    const queued = await client
      .post(`/evidence/${kase.id}/exports`)
      .loginAs(operator)
      .withCsrfToken()
    queued.assertStatus(200)
    const exportRow = await db.from('evidence_exports').where('case_id', kase.id).firstOrFail()
    let status = { status: 'queued', progress: 0, error: null as string | null, zip_sha256: null }
    const finished = () =>
      status.status === 'failed' || (status.status === 'done' && status.zip_sha256)
    for (let i = 0; i < 120 && !finished(); i++) {
      await sleep(250)
      status = (
        await client.get(`/evidence/exports/${exportRow.id}/status`).loginAs(operator)
      ).body()
    }
    assert.equal(status.status, 'done', status.error ?? '')
    assert.equal(status.progress, 100)

    const download = await client
      .get(`/evidence/exports/${exportRow.id}/download`)
      .loginAs(operator)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/zip')
    const zipPath = join(dir, 'package.zip')
    const row = await db.from('evidence_exports').where('id', exportRow.id).firstOrFail()
    const source = app.makePath('storage/evidence', `case-${kase.id}`, row.file_name)
    await writeFile(zipPath, await readFile(source))
    const { createHash } = await import('node:crypto')
    assert.equal(
      createHash('sha256')
        .update(await readFile(zipPath))
        .digest('hex'),
      row.zip_sha256
    )
    const entries = await readZip(zipPath)
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'))
    assert.equal(manifest.case.number, 'VV-12/2026')
    assert.equal(manifest.exported_by.name, operator.fullName)
    assert.lengthOf(manifest.clips, 1)
    const [c] = manifest.clips
    assert.equal(c.camera.code, camera.code)
    assert.deepEqual(c.gaps, [
      {
        from: new Date(base.getTime() + 4000).toISOString(),
        to: new Date(base.getTime() + 30000).toISOString(),
        seconds: 26,
        reason: null,
      },
    ])
    assert.equal(c.recorded.from, new Date(base.getTime() + 1000).toISOString())
    const mp4 = entries.get(c.files.video)!
    assert.equal(mp4.subarray(4, 8).toString('latin1'), 'ftyp')
    assert.isBelow(mp4.indexOf('moov'), mp4.indexOf('mdat'), 'faststart: the index comes first')
    const srt = entries.get(c.files.subtitles)!.toString('utf8')
    assert.match(srt, /^1\n00:00:00,000 --> 00:00:01,000\n27\/11\/2026 10:00:01 \(GMT\+7\)/)
    assert.include(srt, 'sau 26 giây không có hình')
    for (const f of manifest.files) assert.equal(entries.get(f.name)!.length, f.bytes)
    assert.equal(entries.get('manifest.json.sha256')!.toString().split(' ')[0], row.manifest_sha256)

    const intact = await verifyPackage(zipPath)
    assert.isTrue(intact.intact)
    assert.equal(intact.knownExport?.id, exportRow.id)

    // One flipped byte in the middle of the video.
    const tampered = new Map(entries)
    const changed = Buffer.from(mp4)
    changed[Math.floor(changed.length / 2)] ^= 0x01
    tampered.set(c.files.video, changed)
    const tamperedPath = join(dir, 'tampered.zip')
    await writeZip(tamperedPath, tampered)
    const result = await verifyPackage(tamperedPath)
    assert.isFalse(result.intact)
    assert.equal(result.problem, 'files_differ')
    assert.deepEqual(
      result.files.filter((f) => f.status !== 'ok').map((f) => [f.name, f.status]),
      [[c.files.video, 'changed']]
    )

    // The upload form says the same, in Vietnamese, and names the file.
    const page = await client
      .post('/evidence/verify')
      .loginAs(operator)
      .file('package', await readFile(tamperedPath), { filename: 'goi.zip' })
      .withCsrfToken()
    page.assertStatus(200)
    page.assertTextIncludes('Gói KHÔNG NGUYÊN VẸN.')
    page.assertTextIncludes(`data-file="${c.files.video}" data-file-status="changed"`)
    // So does the command line, with a failing exit code.
    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    const command = await ace.create(EvidenceVerify, [tamperedPath])
    await command.exec()
    assert.equal(command.exitCode, 1)
    const good = await ace.create(EvidenceVerify, [zipPath])
    await good.exec()
    assert.equal(good.exitCode ?? 0, 0)

    const custody = await db
      .from('audit_events')
      .where('entity_type', 'evidence_case')
      .where('entity_id', String(kase.id))
      .orderBy('id')
    assert.includeMembers(
      custody.map((e) => e.action),
      [
        'evidence.create',
        'evidence.clips',
        'evidence.export_request',
        'evidence.export',
        'evidence.download',
        'evidence.verify',
      ]
    )
    const show = await client.get(`/evidence/${kase.id}`).loginAs(operator)
    show.assertTextIncludes('Tải gói về')
    show.assertTextIncludes(row.zip_sha256)

    // Closing the case releases its segments to normal retention.
    await client.post(`/evidence/${kase.id}/close`).loginAs(operator).withCsrfToken()
    assert.equal(
      Number((await db.from('segment_holds').where('case_id', kase.id).count('* as n'))[0].n),
      0
    )
    await rm(dir, { recursive: true, force: true })
    await rm(app.makePath('storage/evidence', `case-${kase.id}`), { recursive: true, force: true })
  })
})
