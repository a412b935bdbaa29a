import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, normalize } from 'node:path'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'
import { BackupKeyError, backupKey, decryptFile } from '#services/backup/backup_crypto'
import { from as copyFrom } from 'pg-copy-streams'
import { sha256File } from '#recorder/segment_indexer'
import {
  BACKUP_FORMAT,
  hashingTap,
  quoteIdent,
  schemaVersions,
  storageRoot,
} from '#services/backup/backup_scope'
import type { BackupManifest } from '#services/backup/create_backup'
import { rawClient } from '#services/raw_client'

export class BackupRestoreError extends Error {
  constructor(
    public reason: 'corrupt' | 'format' | 'schema' | 'not_empty' | 'privileges',
    public detail: string
  ) {
    super(`${reason}: ${detail}`)
  }
}

/**
 * The programme's own records: an installation holding any is not "empty" (a fresh one
 * already has its first admin, the default fund and settings, which a restore replaces).
 */
const PROGRAMME_TABLES = [
  'donors',
  'donations',
  'expenses',
  'cameras',
  'households',
  'maintenance_tickets',
  'evidence_cases',
]

/** Archive entries are extracted only under these names (nothing like `../`). */
const ENTRY =
  /^(manifest\.json|manifest\.json\.sha256|database\/[a-z0-9_]+\.copy|files\/[\w\-./]+)$/

/**
 * Restores a backup archive into an installation at the same migrations: every entry is
 * checked against the manifest's SHA-256 first (a damaged archive changes nothing), then
 * all tables are replaced in one transaction (triggers, including the ledger's append-only
 * guard and foreign keys, are off for it: the rows are restored as they were), sequences
 * are moved past the restored ids, and the files are put back under storage/. Refuses a
 * database that already holds the programme's data unless `force`.
 */
export async function restoreBackup(options: {
  file: string
  /** The age key the backup was written with; BACKUP_KEY when not given. */
  key?: string
  connection?: string
  storage?: string
  force?: boolean
}) {
  const key = backupKey(options.key)
  const work = await mkdtemp(join(tmpdir(), 'restore-'))
  try {
    // Decrypted first, whole (age checks every chunk): a wrong key or a damaged file stops
    // here, before anything is read from it, let alone restored.
    const plain = join(work, 'backup.zip')
    try {
      await decryptFile(options.file, plain, key)
    } catch (error) {
      if (error instanceof BackupKeyError) throw error
      throw new BackupRestoreError('corrupt', String((error as Error)?.message ?? error))
    }
    const hashes = await extract(plain, work)
    const manifestText = await readFile(join(work, 'manifest.json'), 'utf8').catch(() => null)
    const manifestSum = await readFile(join(work, 'manifest.json.sha256'), 'utf8').catch(() => '')
    if (!manifestText) throw new BackupRestoreError('corrupt', 'manifest.json missing')
    if (createHash('sha256').update(manifestText).digest('hex') !== manifestSum.split(/\s/)[0]) {
      throw new BackupRestoreError('corrupt', 'manifest.json does not match its SHA-256')
    }
    const manifest = JSON.parse(manifestText) as BackupManifest
    if (manifest.format > BACKUP_FORMAT) {
      throw new BackupRestoreError('format', `archive format ${manifest.format}`)
    }
    const bad = [
      ...manifest.tables
        .filter((t) => hashes.get(`database/${t.name}.copy`) !== t.sha256)
        .map((t) => `database/${t.name}.copy`),
      ...manifest.files
        .filter((f) => hashes.get(`files/${f.path}`) !== f.sha256)
        .map((f) => `files/${f.path}`),
    ]
    if (bad.length) throw new BackupRestoreError('corrupt', bad.join(', '))
    const versions = await schemaVersions(options.connection)
    if (JSON.stringify(versions) !== JSON.stringify(manifest.schema_versions)) {
      throw new BackupRestoreError(
        'schema',
        `archive at ${manifest.schema_versions.at(-1)}, database at ${versions.at(-1)}`
      )
    }

    const { client, release } = await rawClient(options.connection)
    try {
      if (!options.force) {
        for (const table of PROGRAMME_TABLES) {
          const { rows } = await client.query(
            `SELECT EXISTS (SELECT 1 FROM ${quoteIdent(table)}) AS any`
          )
          if (rows[0].any) throw new BackupRestoreError('not_empty', table)
        }
      }
      await client.query('BEGIN')
      try {
        await client.query(`SET LOCAL session_replication_role = replica`)
      } catch (error) {
        await client.query('ROLLBACK')
        throw new BackupRestoreError('privileges', String((error as Error).message))
      }
      try {
        const names = manifest.tables.map((t) => quoteIdent(t.name)).join(', ')
        if (names) await client.query(`TRUNCATE ${names} CASCADE`)
        for (const table of manifest.tables) {
          await pipeline(
            createReadStream(join(work, 'database', `${table.name}.copy`)),
            client.query(copyFrom(`COPY ${quoteIdent(table.name)} FROM STDIN`))
          )
        }
        await resetSequences(
          client,
          manifest.tables.map((t) => t.name)
        )
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      }
    } finally {
      release()
    }

    const storage = options.storage ?? storageRoot()
    for (const file of manifest.files) {
      const target = join(storage, normalize(file.path))
      if ((await sha256File(target).catch(() => null)) === file.sha256) continue
      await mkdir(dirname(target), { recursive: true })
      await copyFile(join(work, 'files', normalize(file.path)), target)
    }
    return {
      tables: manifest.tables.length,
      rows: manifest.tables.reduce((s, t) => s + t.rows, 0),
      files: manifest.files.length,
      createdAt: manifest.created_at,
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** Each restored table's id sequence continues after its largest id. */
async function resetSequences(client: any, tables: string[]) {
  const { rows } = await client.query(
    `SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ANY($1) AND column_default LIKE 'nextval(%'`,
    [tables]
  )
  for (const row of rows) {
    if (!row.seq) continue
    await client.query(
      `SELECT setval($1, coalesce((SELECT max(${quoteIdent(row.column_name)}) FROM ${quoteIdent(row.table_name)}), 0) + 1, false)`,
      [row.seq]
    )
  }
}

/** Extracts every entry with an accepted name, returning each one's SHA-256. */
function extract(file: string, dir: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const hashes = new Map<string, string>()
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(new BackupRestoreError('corrupt', String(error?.message)))
      zip.on('error', (e) => reject(new BackupRestoreError('corrupt', String(e.message))))
      zip.on('end', () => resolve(hashes))
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!ENTRY.test(entry.fileName) || entry.fileName.includes('..')) {
          return reject(new BackupRestoreError('corrupt', `unexpected entry ${entry.fileName}`))
        }
        zip.openReadStream(entry, async (openError, stream) => {
          if (openError || !stream)
            return reject(new BackupRestoreError('corrupt', String(openError)))
          const target = join(dir, entry.fileName)
          await mkdir(dirname(target), { recursive: true })
          const tap = hashingTap()
          pipeline(stream, tap, createWriteStream(target))
            .then(() => {
              hashes.set(entry.fileName, tap.sha256())
              zip.readEntry()
            })
            .catch((e) => reject(new BackupRestoreError('corrupt', String(e.message))))
        })
      })
      zip.readEntry()
    })
  })
}
