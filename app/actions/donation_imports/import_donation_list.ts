import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import DonationBatch from '#models/donation_batch'
import { findListedDonor } from '#actions/donors/resolve_donor'
import { addBatchRow, closeBatch, createBatch } from '#actions/donation_batches/batch_actions'
import type { AuditActor } from '#services/audit'
import { readSpreadsheet } from '#services/donations/spreadsheet_file'
import { parseDonationList, type ParsedList } from '#services/donations/donation_list_parser'

/** Refused confirmation: the file changed, has errors, or was imported before. */
export class ImportNotConfirmableError extends Error {
  constructor(
    public reason: 'expired' | 'has_errors' | 'changed' | 'already_imported' | 'nothing',
    public batch?: DonationBatch
  ) {
    super(reason)
  }
}

const TOKEN = /^[0-9a-f]{64}$/
const KEEP_PENDING_MS = 24 * 3600 * 1000

function pendingDir() {
  return app.makePath('storage/imports')
}

async function dropStalePending() {
  const dir = pendingDir()
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of names) {
    const path = join(dir, name)
    const info = await stat(path).catch(() => null)
    if (info && Date.now() - info.mtimeMs > KEEP_PENDING_MS) await rm(path, { force: true })
  }
}

export interface ImportPreview {
  token: string
  filename: string
  parsed: ParsedList
  /** For each line, the known donor it will be credited to (null: a new donor is added). */
  knownDonors: Array<{ id: number; name: string } | null>
  alreadyImported: DonationBatch | null
}

/**
 * Step 1: read and check the file, keep it aside (not in the database) under its SHA-256,
 * and describe every row. Nothing is written to the ledger or the donor list.
 */
export async function previewImport(content: Buffer, filename: string): Promise<ImportPreview> {
  const parsed = parseDonationList(await readSpreadsheet(content))
  const token = createHash('sha256').update(content).digest('hex')
  await dropStalePending()
  await mkdir(pendingDir(), { recursive: true })
  await writeFile(join(pendingDir(), token), content)
  const knownDonors = []
  for (const line of parsed.lines) {
    const donor = line.errors.length === 0 && line.name ? await findListedDonor(line) : null
    knownDonors.push(donor ? { id: donor.id, name: donor.name } : null)
  }
  const alreadyImported = await DonationBatch.query()
    .where('source_sha256', token)
    .where('status', 'closed')
    .first()
  return { token, filename, parsed, knownDonors, alreadyImported }
}

/**
 * Step 2, on the treasurer's confirmation: parse the kept file again and post every row
 * (new donors included) in one transaction, as a closed import batch. Refused when the
 * file has any error, when the figures differ from the preview the treasurer saw, or
 * when the same file was imported before.
 */
export async function confirmImport(params: {
  actor: AuditActor
  token: string
  filename: string
  fundId: number
  expectedCount: number
  expectedTotal: number
}) {
  if (!TOKEN.test(params.token)) throw new ImportNotConfirmableError('expired')
  const path = join(pendingDir(), params.token)
  const content = await readFile(path).catch(() => null)
  if (!content) throw new ImportNotConfirmableError('expired')
  const parsed = parseDonationList(await readSpreadsheet(content))
  if (parsed.missingColumns.length > 0 || parsed.errorCount > 0) {
    throw new ImportNotConfirmableError('has_errors')
  }
  if (parsed.validCount === 0) throw new ImportNotConfirmableError('nothing')
  if (parsed.validCount !== params.expectedCount || parsed.validTotal !== params.expectedTotal) {
    throw new ImportNotConfirmableError('changed')
  }

  const batch = await db.transaction(async (trx) => {
    // One import of a file at a time, and never the same file twice.
    await trx.rawQuery('select pg_advisory_xact_lock(hashtext(?))', [params.token])
    const previous = await DonationBatch.query({ client: trx })
      .where('source_sha256', params.token)
      .where('status', 'closed')
      .first()
    if (previous) throw new ImportNotConfirmableError('already_imported', previous)

    const created = await createBatch(
      {
        actor: params.actor,
        label: params.filename.slice(0, 200) || 'import',
        fundId: params.fundId,
        expectedCount: parsed.validCount,
        expectedTotal: parsed.validTotal,
        source: 'import',
        sourceFilename: params.filename.slice(0, 255),
        sourceSha256: params.token,
      },
      trx
    )
    for (const line of parsed.lines) {
      await addBatchRow(
        {
          actor: params.actor,
          batchId: created.id,
          line: {
            donor: line,
            amount: line.amount!,
            receivedOn: line.receivedOn!,
            method: line.method,
            inKindDescription: line.inKindDescription,
            note: line.note,
          },
        },
        trx
      )
    }
    return closeBatch({ actor: params.actor, batchId: created.id }, trx)
  })
  await rm(path, { force: true })
  return batch
}
