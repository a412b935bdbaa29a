import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { statfs } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { makeUser } from '#tests/helpers'

/*
 * The disk filling up: the portal refuses uploads with a clear message and writes nothing,
 * leaving the space to the recorder (whose retention keeps the newest footage: see
 * retention.spec.ts). The disk is made "full" by asking for more free space than it has.
 */
test.group('Disk full', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => {
    delete process.env.UPLOAD_MIN_FREE_MB
  })

  test('an upload is refused in Vietnamese and nothing is recorded; with room again it is accepted', async ({
    client,
    assert,
  }) => {
    const technician = await makeUser('technician')
    const fs = await statfs(app.makePath('storage'))
    const freeMb = (Number(fs.bavail) * Number(fs.bsize)) / 1024 / 1024
    process.env.UPLOAD_MIN_FREE_MB = String(Math.ceil(freeMb + 1024))
    const send = () =>
      client
        .post('/households')
        .loginAs(technician)
        .field('head_name', 'Hộ Ổ Đầy')
        .field('consent_signed_on', '2026-04-20')
        .file('consent_scan', Buffer.from('%PDF-1.4\nổ đầy\n%%EOF\n'), { filename: 'dong-y.pdf' })
        .withCsrfToken()
        .redirects(0)
    const refused = await send()
    assert.match(String(refused.flashMessage('error')), /Ổ đĩa của máy chủ sắp đầy/)
    assert.isNull(await db.from('households').where('head_name', 'Hộ Ổ Đầy').first())

    process.env.UPLOAD_MIN_FREE_MB = '0'
    await send()
    assert.exists(await db.from('households').where('head_name', 'Hộ Ổ Đầy').first())
  })
})
