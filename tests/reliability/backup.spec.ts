import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import seedSampleDonations from '#actions/demo/seed_sample_donations'
import seedSampleSpending from '#actions/demo/seed_sample_spending'
import seedSampleCameras from '#actions/demo/seed_sample_cameras'
import { createBackup } from '#services/backup/create_backup'
import { BackupRestoreError, restoreBackup } from '#services/backup/restore_backup'
import { BackupKeyError, newBackupKey } from '#services/backup/backup_crypto'
import { backupTables } from '#services/backup/backup_scope'
import { runScheduledBackup } from '#services/backup/scheduled_backup'
import BackupCreate from '#commands/backup_create'
import BackupRestore from '#commands/backup_restore'

/** Every row of a table, as one hash (row text sorted, so physical order does not matter). */
async function tableDigest(connection: string | undefined, table: string) {
  const result = await db
    .connection(connection)
    .rawQuery(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${table}" t`
    )
  return `${result.rows[0].n}:${result.rows[0].h}`
}

/*
 * A populated database goes into one archive and comes back into an empty installation
 * (a second database, migrated from scratch) with every table identical. Commits data,
 * so it runs in the last suite.
 */
test.group('Backups', (group) => {
  const target = 'restore_target'
  let targetName: string
  let storage: string

  let previousKey: string | undefined

  group.setup(async () => {
    // This run's own backup key (the app's .env is never touched by the tests).
    previousKey = process.env.BACKUP_KEY
    process.env.BACKUP_KEY = await newBackupKey()
    storage = await mkdtemp(join(tmpdir(), 'backup-storage-'))
    const config = db.manager.get('postgres')!.config as any
    targetName = `${config.connection.database}_restore`
    await db.rawQuery(`DROP DATABASE IF EXISTS "${targetName}"`)
    await db.rawQuery(`CREATE DATABASE "${targetName}"`)
    db.manager.add(target, {
      ...config,
      connection: { ...config.connection, database: targetName },
    })
    const migrator = new MigrationRunner(db, app, { direction: 'up', connectionName: target })
    await migrator.run()
    if (migrator.error) throw migrator.error
    return async () => {
      if (previousKey === undefined) delete process.env.BACKUP_KEY
      else process.env.BACKUP_KEY = previousKey
      await db.manager.close(target)
      db.manager.release(target)
      await db.rawQuery(`DROP DATABASE IF EXISTS "${targetName}"`)
      await rm(storage, { recursive: true, force: true })
    }
  })

  test('backup:create then backup:restore into an empty installation: every table and file identical', async ({
    assert,
  }) => {
    // The programme as the report describes it: donors, donations, paid expenses, cameras.
    await seedSampleDonations()
    await seedSampleSpending()
    await seedSampleCameras()
    // An uploaded document and a report, in this test's storage folder.
    const scan = Buffer.from('%PDF-1.4 hợp đồng lắp đặt camera\n%%EOF\n')
    const sha = createHash('sha256').update(scan).digest('hex')
    await mkdir(join(storage, 'attachments', sha.slice(0, 2)), { recursive: true })
    await writeFile(join(storage, 'attachments', sha.slice(0, 2), `${sha}.pdf`), scan)
    await mkdir(join(storage, 'reports'), { recursive: true })
    await writeFile(join(storage, 'reports', 'bao-cao.xlsx'), Buffer.from('PK\u0003\u0004 bảng'))

    const out = join(storage, 'out', 'backup.zip.age')
    const made = await createBackup({ out, storage })
    assert.match(made.sha256, /^[0-9a-f]{64}$/)
    // Encrypted (age), readable by its owner only: no donor's name in the clear.
    const archive = await readFile(out)
    assert.equal(archive.subarray(0, 21).toString(), 'age-encryption.org/v1')
    assert.notInclude(archive.toString('latin1'), 'PK\u0003\u0004')
    assert.equal((await stat(out)).mode & 0o777, 0o600)
    // Without its key, or with another, nothing is restored.
    const wrongKey = await restoreBackup({
      file: out,
      key: await newBackupKey(),
      connection: target,
      storage: join(storage, 'never-wrong-key'),
    }).catch((e) => e)
    assert.instanceOf(wrongKey, BackupKeyError)
    assert.equal(wrongKey.reason, 'wrong_key')
    const donations = made.manifest.tables.find((t) => t.name === 'donations')!
    assert.isAbove(donations.rows, 0)
    assert.lengthOf(made.manifest.files, 2)
    assert.notInclude(
      made.manifest.tables.map((t) => t.name),
      'recording_segments'
    )

    const restored = join(storage, 'restored')
    const result = await restoreBackup({ file: out, connection: target, storage: restored })
    assert.equal(result.tables, made.manifest.tables.length)

    const tables = await backupTables(undefined, false)
    assert.isAbove(tables.length, 20)
    const differing: string[] = []
    for (const table of tables) {
      if ((await tableDigest(undefined, table)) !== (await tableDigest(target, table))) {
        differing.push(table)
      }
    }
    assert.deepEqual(differing, [])
    assert.deepEqual(
      await readFile(join(restored, 'attachments', sha.slice(0, 2), `${sha}.pdf`)),
      scan
    )

    // The restored installation keeps working: new ids follow the restored ones, and the
    // ledger is append-only again (its triggers were only off while restoring).
    const maxId = (await db.connection(target).from('donors').max('id as m'))[0].m
    const [row] = await db
      .connection(target)
      .table('donors')
      .insert({
        kind: 'individual',
        name: 'Người ủng hộ sau khôi phục',
        name_normalized: 'nguoi ung ho sau khoi phuc',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id')
    assert.isAbove(Number(row.id ?? row), Number(maxId))
    await assert.rejects(() =>
      db.connection(target).rawQuery('UPDATE donations SET amount = amount + 1')
    )

    // A second restore onto data is refused without --force, and changes nothing.
    await assert.rejects(
      () => restoreBackup({ file: out, connection: target, storage: restored }),
      /not_empty/
    )
  }).timeout(120_000)

  test('a damaged archive is refused before anything is written', async ({ assert }) => {
    const out = join(storage, 'out', 'damaged.zip.age')
    await createBackup({ out, storage })
    const bytes = await readFile(out)
    // Flip one byte of the encrypted data (past age's header): its authentication fails.
    bytes[bytes.length - 100] ^= 0xff
    await writeFile(out, bytes)
    const before = await tableDigest(target, 'donors')
    const error = await restoreBackup({
      file: out,
      connection: target,
      storage: join(storage, 'never'),
      force: true,
    }).catch((e) => e)
    assert.instanceOf(error, BackupRestoreError)
    assert.equal(error.reason, 'corrupt')
    assert.equal(await tableDigest(target, 'donors'), before)
    assert.deepEqual(await readdir(storage).then((n) => n.includes('never')), false)
  }).timeout(60_000)

  test('the daily backup runs once a day after its time and keeps the newest N', async ({
    assert,
  }) => {
    const dir = join(storage, 'daily')
    const at = (iso: string) => new Date(iso)
    const run = (now: string) => runScheduledBackup({ dir, keep: 2, at: '02:30', now: at(now) })
    // 01:00 commune time (18:00 UTC the day before): not yet.
    assert.isNull(await run('2026-11-28T18:00:00Z'))
    assert.isNotNull(await run('2026-11-28T20:00:00Z')) // 03:00 on the 29th
    assert.isNull(await run('2026-11-28T21:00:00Z')) // same day: done already
    assert.isNotNull(await run('2026-11-30T01:00:00Z')) // 08:00 on the 30th (after a cut)
    assert.isNotNull(await run('2026-11-30T20:00:00Z')) // 03:00 on 1 December
    assert.deepEqual((await readdir(dir)).sort(), [
      'backup-20261130-080000.zip.age',
      'backup-20261201-030000.zip.age',
    ])
  }).timeout(120_000)

  test('the commands: backup:create writes the archive; backup:restore refuses a database with data, in Vietnamese', async ({
    assert,
  }) => {
    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    const out = join(storage, 'cmd', 'sao-luu.zip.age')
    const create = await ace.create(BackupCreate, [`--out=${out}`])
    await create.exec()
    assert.equal(create.exitCode, 0)
    create.assertLogMatches(/Đã sao lưu/)
    const restore = await ace.create(BackupRestore, [out])
    await restore.exec()
    assert.equal(restore.exitCode, 1)
    restore.assertLogMatches(/Cơ sở dữ liệu đã có dữ liệu; thêm --force/)
  }).timeout(60_000)
})
