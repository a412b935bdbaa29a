import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import UsersCreate from '#commands/users_create'
import CamerasSimulate from '#commands/cameras_simulate'
import { createServer } from 'node:net'
import CreateFirstAdmin from '#actions/users/create_first_admin'

test.group('Ace commands', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('users:create makes an account that can sign in, and audits it', async ({ assert }) => {
    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    const command = await ace.create(UsersCreate, [
      '--email=CongAn@Xa.test',
      '--password=mat-khau-cong-an',
      '--role=operator',
      '--name=Phạm Văn An',
    ])
    await command.exec()
    command.assertSucceeded()

    const user = await User.verifyCredentials('congan@xa.test', 'mat-khau-cong-an')
    assert.equal(user.role, 'operator')
    assert.equal(user.fullName, 'Phạm Văn An')
    const audit = await db
      .from('audit_events')
      .where({ action: 'user.create', entity_id: String(user.id) })
      .firstOrFail()
    assert.equal(audit.actor_label, 'node ace users:create')
  })

  test('users:create refuses a bad role with a Vietnamese message and writes nothing', async ({
    assert,
  }) => {
    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    const command = await ace.create(UsersCreate, [
      '--email=x@xa.test',
      '--password=mat-khau-du-dai',
      '--role=boss',
      '--name=X Y',
    ])
    await command.exec()
    command.assertFailed()
    command.assertLogMatches(/Vai trò không hợp lệ/)
    assert.isNull(await User.findBy('email', 'x@xa.test'))
  })

  test('the first start creates exactly one admin with a one-time password', async ({ assert }) => {
    await db.from('auth_access_tokens').delete()
    await db.from('users').delete()
    const first = await CreateFirstAdmin.handle()
    assert.isNotNull(first)
    const admin = await User.findByOrFail('email', first!.email)
    assert.equal(admin.role, 'admin')
    assert.isTrue(admin.passwordChangeRequired)
    assert.equal((await User.verifyCredentials(first!.email, first!.password)).id, admin.id)
    assert.isNull(await CreateFirstAdmin.handle(), 'a second start creates nobody')
  })

  test('cameras:simulate on a port already taken says so in Vietnamese, with no stack trace', async ({
    assert,
  }) => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(27554, '127.0.0.1', resolve))
    try {
      const ace = await app.container.make('ace')
      ace.ui.switchMode('raw')
      const command = await ace.create(CamerasSimulate, ['--port=27554', '--count=1'])
      await command.exec()
      command.assertFailed()
      command.assertLogMatches(/Cổng 27554 đang được dùng/)
      command.assertLogMatches(/--port 27564/)
      const logs = command.logger
        .getLogs()
        .map((l) => l.message)
        .join('\n')
      assert.notMatch(logs, /at .+\.(ts|js):\d+/)
    } finally {
      await new Promise((resolve) => taken.close(resolve))
    }
  })
})
