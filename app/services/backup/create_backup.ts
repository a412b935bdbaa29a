import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { pipeline } from 'node:stream/promises'
import yazl from 'yazl'
import { to as copyTo } from 'pg-copy-streams'
import { sha256File } from '#recorder/segment_indexer'
import { backupKey, encryptFile } from '#services/backup/backup_crypto'
import {
  BACKUP_FORMAT,
  EVIDENCE_DIR,
  FILE_DIRS,
  backupTables,
  hashingTap,
  quoteIdent,
  schemaVersions,
  storageRoot,
} from '#services/backup/backup_scope'
import { rawClient } from '#services/raw_client'

export interface BackupManifest {
  format: number
  created_at: string
  schema_versions: string[]
  footage_metadata: boolean
  evidence_packages: boolean
  tables: { name: string; rows: number; bytes: number; sha256: string }[]
  files: { path: string; bytes: number; sha256: string }[]
}

export interface BackupOptions {
  /** The archive to write (its folder is created): an age-encrypted .zip, mode 0600. */
  out: string
  /** The age key (`AGE-SECRET-KEY-1…`); BACKUP_KEY when not given. */
  key?: string
  footageMetadata?: boolean
  evidencePackages?: boolean
  connection?: string
  storage?: string
}

/**
 * One .zip, encrypted with the backup key (see backup_crypto.ts), holding the database (each table as PostgreSQL COPY text, read in one
 * repeatable-read snapshot so tables agree with each other), the files the database points
 * at (uploads, reports; evidence packages on request), and manifest.json with the
 * migrations it was taken at and the row count and SHA-256 of every entry. Written to a
 * temporary name and renamed, so a cut leaves no half archive under the real name.
 */
export async function createBackup(options: BackupOptions) {
  const work = await mkdtemp(join(tmpdir(), 'backup-'))
  const storage = options.storage ?? storageRoot()
  try {
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      created_at: new Date().toISOString(),
      schema_versions: await schemaVersions(options.connection),
      footage_metadata: !!options.footageMetadata,
      evidence_packages: !!options.evidencePackages,
      tables: [],
      files: [],
    }
    const zip = new yazl.ZipFile()
    const tables = await backupTables(options.connection, !!options.footageMetadata)
    const { client, release } = await rawClient(options.connection)
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      for (const table of tables) {
        const file = join(work, `${table}.copy`)
        const tap = hashingTap()
        await pipeline(
          client.query(copyTo(`COPY ${quoteIdent(table)} TO STDOUT`)),
          tap,
          createWriteStream(file)
        )
        const bytes = (await stat(file)).size
        manifest.tables.push({ name: table, rows: tap.lines, bytes, sha256: tap.sha256() })
        zip.addFile(file, `database/${table}.copy`)
      }
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      release()
    }

    const dirs = [...FILE_DIRS, ...(options.evidencePackages ? [EVIDENCE_DIR] : [])]
    for (const dir of dirs) {
      for (const file of await walk(join(storage, dir))) {
        const path = relative(storage, file).split('\\').join('/')
        manifest.files.push({
          path,
          bytes: (await stat(file)).size,
          sha256: await sha256File(file),
        })
        zip.addReadStream(createReadStream(file), `files/${path}`)
      }
    }
    const manifestText = JSON.stringify(manifest, null, 2)
    zip.addBuffer(Buffer.from(manifestText), 'manifest.json')
    const manifestSha = createHash('sha256').update(manifestText).digest('hex')
    zip.addBuffer(Buffer.from(`${manifestSha}  manifest.json\n`), 'manifest.json.sha256')
    zip.end()
    await mkdir(dirname(options.out), { recursive: true })
    const key = backupKey(options.key)
    const plain = join(work, 'backup.zip')
    await pipeline(zip.outputStream, createWriteStream(plain, { mode: 0o600 }))
    // Encrypted before it reaches its folder; written under a temporary name and renamed,
    // so a cut leaves no half archive under the real name.
    const partial = `${options.out}.partial`
    await encryptFile(plain, partial, key)
    await rename(partial, options.out)
    return {
      path: options.out,
      sha256: await sha256File(options.out),
      bytes: (await stat(options.out)).size,
      manifest,
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** Every file under a folder (none if it does not exist), sorted. */
async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const files: string[] = []
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...(await walk(path)))
    else if (entry.isFile()) files.push(path)
  }
  return files
}
