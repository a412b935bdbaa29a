import { test } from '@japa/runner'
import { mkdtemp, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeDataDirectory } from '#services/embedded_postgres'

test.group('Embedded PostgreSQL data directory', () => {
  test('storage/ stays reachable (0755) while only the data directory is 0700', async ({
    assert,
  }) => {
    const root = await mkdtemp(join(tmpdir(), 'pg-dirs-'))
    const dataDir = join(root, 'storage', 'postgres')
    await makeDataDirectory(dataDir)
    assert.equal((await stat(join(root, 'storage'))).mode & 0o777, 0o755)
    assert.equal((await stat(dataDir)).mode & 0o777, 0o700)
  })
})
