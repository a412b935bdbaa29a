import { createHash } from 'node:crypto'
import { Transform } from 'node:stream'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'

/** Archive layout version; restore refuses a newer one. */
export const BACKUP_FORMAT = 1

/** Rows that only matter while the app runs (sign-in sessions, rate limits, leases). */
const EPHEMERAL = new Set([
  'adonis_schema',
  'adonis_schema_versions',
  'sessions',
  'rate_limits',
  'camera_leases',
])

/** Footage metadata: large, and rebuilt by the recorder; included on request. */
export const FOOTAGE_TABLES = new Set([
  'recording_segments',
  'recording_runs',
  'recorder_events',
  'edge_recoveries',
  'segment_holds',
])

/** Folders under storage/ that hold what the database points at (uploads, reports). */
export const FILE_DIRS = ['attachments', 'reports']
/** Evidence packages: large, re-exportable while the footage lasts; included on request. */
export const EVIDENCE_DIR = 'evidence'

export function storageRoot() {
  return app.makePath('storage')
}

/** The tables a backup holds, in the database's own order of names. */
export async function backupTables(
  connection: string | undefined,
  footage: boolean
): Promise<string[]> {
  const result = await db
    .connection(connection)
    .rawQuery(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
  return result.rows
    .map((r: { tablename: string }) => r.tablename)
    .filter((t: string) => !EPHEMERAL.has(t) && (footage || !FOOTAGE_TABLES.has(t)))
}

/** The migrations the database has run, in order: a backup restores only onto the same. */
export async function schemaVersions(connection?: string): Promise<string[]> {
  const rows = await db.connection(connection).from('adonis_schema').orderBy('id').select('name')
  return rows.map((r) => r.name as string)
}

/** Quotes a table name from pg_tables for SQL. */
export function quoteIdent(name: string) {
  return `"${name.replace(/"/g, '""')}"`
}

/**
 * A pass-through stream hashing what crosses it (SHA-256) and counting its lines (COPY
 * text has one row per line); read `sha256()` and `lines` once it has ended.
 */
export function hashingTap() {
  const hash = createHash('sha256')
  const tap = Object.assign(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk)
        for (const byte of chunk) if (byte === 0x0a) tap.lines++
        done(null, chunk)
      },
    }),
    { lines: 0, sha256: () => hash.digest('hex') }
  )
  return tap
}
