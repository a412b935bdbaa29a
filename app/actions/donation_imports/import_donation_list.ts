import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DonationBatch from '#models/donation_batch'
import { createBatch } from '#actions/donation_batches/batch_actions'
import { postDonations } from '#actions/donations/post_donations'
import { recordAudit, type AuditActor } from '#services/audit'
import { DonorMatcher } from '#services/donations/donor_matcher'
import { normalizeName, normalizePhone } from '#services/text_match'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { readSpreadsheet } from '#services/donations/spreadsheet_file'
import {
  parseDonationList,
  type ParsedLine,
  type ParsedList,
} from '#services/donations/donation_list_parser'

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
  const matcher = await DonorMatcher.load(parsed.lines.filter((l) => l.errors.length === 0))
  const knownDonors = parsed.lines.map((line) => {
    const donor = line.errors.length === 0 ? matcher.match(line) : null
    return donor ? { id: donor.id, name: donor.name } : null
  })
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

    const batch = await createBatch(
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
    const { donorIds, created } = await resolveDonors(trx, params.actor, parsed.lines)
    const posted = await postDonations(trx, {
      enteredBy: params.actor.id!,
      fundId: params.fundId,
      batchId: batch.id,
      lines: parsed.lines.map((line, i) => ({
        donorId: donorIds[i],
        amount: line.amount!,
        receivedOn: line.receivedOn!,
        method: line.method,
        inKindDescription: line.inKindDescription,
        note: line.note,
      })),
    })
    batch.merge({ status: 'closed', closedBy: params.actor.id, closedAt: DateTime.now() })
    await batch.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'donation_import.confirm',
        entityType: 'donation_batch',
        entityId: batch.id,
        after: {
          filename: params.filename,
          sha256: params.token,
          count: parsed.validCount,
          total: parsed.validTotal,
          newDonors: created,
          firstReceipt: posted[0]?.receiptNo ?? null,
          lastReceipt: posted.at(-1)?.receiptNo ?? null,
        },
      },
      trx
    )
    return batch
  })
  await rm(path, { force: true })
  return batch
}

/**
 * The donor of every line: a known one (DonorMatcher's rule), else a new donor, created in
 * bulk. Two lines of the file naming the same new person get the same new donor.
 */
async function resolveDonors(
  trx: TransactionClientContract,
  actor: AuditActor,
  lines: ParsedLine[]
) {
  const matcher = await DonorMatcher.load(lines, trx)
  const fresh: ParsedLine[] = []
  const ids = lines.map((line) => {
    const known = matcher.match(line)
    if (known) return known.id
    // Not known: a placeholder id, so that later lines naming the same person match it.
    const placeholder = -(fresh.length + 1)
    matcher.add({
      id: placeholder,
      name: line.name,
      nameNormalized: normalizeName(line.name),
      village: line.village,
      phone: normalizePhone(line.phone),
    })
    fresh.push(line)
    return placeholder
  })
  // New donors are distinct by (name, village, phone) (the matcher merged the rest).
  const keyOf = (name: string, village: string | null, phone: string | null) =>
    `${name}|${village ?? ''}|${phone ?? ''}`
  const placeholderOf = new Map(
    fresh.map((line, i) => [
      keyOf(normalizeName(line.name), line.village, normalizePhone(line.phone)),
      -(i + 1),
    ])
  )
  const realId = new Map<number, number>()
  const now = new Date()
  for (let i = 0; i < fresh.length; i += 1000) {
    const inserted = await trx
      .insertQuery()
      .table('donors')
      .multiInsert(
        fresh.slice(i, i + 1000).map((line) => ({
          kind: line.kind,
          name: line.name,
          name_normalized: normalizeName(line.name),
          village: line.village,
          address: line.address,
          phone: normalizePhone(line.phone),
          anonymous_public: false,
          is_sample: false,
          created_by: actor.id,
          created_at: now,
          updated_at: now,
        }))
      )
      .returning(['id', 'name_normalized', 'village', 'phone'])
    for (const row of inserted) {
      realId.set(placeholderOf.get(keyOf(row.name_normalized, row.village, row.phone))!, row.id)
    }
  }
  return {
    donorIds: ids.map((id) => (id < 0 ? realId.get(id)! : id)),
    created: fresh.length,
  }
}
