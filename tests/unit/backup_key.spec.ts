import { test } from '@japa/runner'
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureBackupKey } from '#services/backup/backup_crypto'

test.group('The backup key', (group) => {
  let previous: string | undefined
  group.each.setup(() => {
    previous = process.env.BACKUP_KEY
    delete process.env.BACKUP_KEY
    return () => {
      if (previous === undefined) delete process.env.BACKUP_KEY
      else process.env.BACKUP_KEY = previous
    }
  })

  test('the first backup fills the empty BACKUP_KEY line of .env, says so once, keeps the file 0600', async ({
    assert,
  }) => {
    const env = join(await mkdtemp(join(tmpdir(), 'env-')), '.env')
    await writeFile(env, 'APP_KEY=abc\nBACKUP_KEY=\nPORT=3333\n', { mode: 0o600 })
    const said: string[] = []
    const key = await ensureBackupKey(env, (m) => said.push(m))
    assert.match(key, /^AGE-SECRET-KEY-1[0-9A-Z]+$/)
    const text = await readFile(env, 'utf8')
    assert.include(text, `BACKUP_KEY=${key}\n`)
    assert.include(text, 'PORT=3333')
    assert.equal((await stat(env)).mode & 0o777, 0o600)
    assert.lengthOf(said, 1)
    // Set now: the next backup uses the same key and says nothing.
    assert.equal(await ensureBackupKey(env, (m) => said.push(m)), key)
    assert.lengthOf(said, 1)
  })
})
