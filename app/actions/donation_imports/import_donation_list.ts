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
import {
  MAX_ROWS,
  SpreadsheetFileError,
  readWorkbook,
  type Sheet,
} from '#services/donations/spreadsheet_file'
import { parseDonationList, type ParsedList } from '#services/donations/donation_list_parser'
import { guessHeader } from '#services/donations/list_columns'
import { rememberColumns, rememberedColumns } from '#services/donations/column_memory'
import {
  DonorChoiceError,
  donorQuestions,
  resolveImportDonors,
  type DonorQuestion,
} from '#actions/donation_imports/resolve_import_donors'

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

/** What the treasurer chose on the preview: the sheet and the columns. */
export interface ListOptions {
  sheet?: number
  /** A column map from the form; otherwise the one remembered for these headers. */
  columns?: unknown
}

export interface ImportPreview {
  token: string
  filename: string
  sheets: string[]
  sheet: number
  parsed: ParsedList
  /** The columns were taken from the map confirmed last time for these headers. */
  rememberedColumns: boolean
  /** For each line, who it will be credited to (null for a line with errors). */
  donors: Array<DonorQuestion | null>
  alreadyImported: DonationBatch | null
}

/** The sheet asked for, else the first whose header names the required columns. */
function pickSheet(sheets: Sheet[], asked: number | undefined) {
  if (asked !== undefined && Number.isInteger(asked) && asked >= 0 && asked < sheets.length) {
    return asked
  }
  const found = sheets.findIndex((sheet) => guessHeader(sheet.rows).missing.length === 0)
  return found < 0 ? 0 : found
}

/** The file read with the treasurer's options: the same reading for preview and confirm. */
async function readList(content: Buffer, options: ListOptions) {
  const sheets = await readWorkbook(content)
  const sheet = pickSheet(sheets, options.sheet)
  const { rows, hiddenRows } = sheets[sheet]
  let parsed = parseDonationList(rows, { columns: options.columns, hiddenRows })
  let remembered = false
  if (!parsed.mapped) {
    const map = await rememberedColumns(parsed.header.signature)
    if (map) {
      const again = parseDonationList(rows, { columns: map, hiddenRows })
      if (again.mapped) {
        parsed = again
        remembered = true
      }
    }
  }
  if (parsed.lines.length > MAX_ROWS) {
    throw new SpreadsheetFileError('too_many_rows', { limit: MAX_ROWS.toLocaleString('vi-VN') })
  }
  return { sheets: sheets.map((s) => s.name), sheet, parsed, remembered }
}

/**
 * Step 1: read and check the file, keep it aside (not in the database) under its SHA-256,
 * and describe every row. Nothing is written to the ledger or the donor list.
 */
export async function previewImport(
  content: Buffer,
  filename: string,
  options: ListOptions = {}
): Promise<ImportPreview> {
  const list = await readList(content, options)
  const token = createHash('sha256').update(content).digest('hex')
  await dropStalePending()
  await mkdir(pendingDir(), { recursive: true })
  await writeFile(join(pendingDir(), token), content)
  return describe(token, filename, list)
}

/** The preview again, for the kept file, with another sheet or column map. */
export async function reviewImport(token: string, filename: string, options: ListOptions) {
  const content = await keptFile(token)
  return describe(token, filename, await readList(content, options))
}

async function describe(
  token: string,
  filename: string,
  list: Awaited<ReturnType<typeof readList>>
): Promise<ImportPreview> {
  const alreadyImported = await DonationBatch.query()
    .where('source_sha256', token)
    .where('status', 'closed')
    .first()
  return {
    token,
    filename,
    sheets: list.sheets,
    sheet: list.sheet,
    parsed: list.parsed,
    rememberedColumns: list.remembered,
    donors: await donorQuestions(list.parsed.lines),
    alreadyImported,
  }
}

async function keptFile(token: string) {
  if (!TOKEN.test(token)) throw new ImportNotConfirmableError('expired')
  const content = await readFile(join(pendingDir(), token)).catch(() => null)
  if (!content) throw new ImportNotConfirmableError('expired')
  return content
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
  options?: ListOptions
  /** Per row ("r12"): a donor id or 'new', for the lines the preview asked about. */
  donorChoices?: Record<string, string>
  /** Row numbers kept anonymous (of those the file asked); undefined: all it asked. */
  anonymousRows?: number[]
}) {
  const content = await keptFile(params.token)
  const path = join(pendingDir(), params.token)
  const { parsed, sheets, sheet } = await readList(content, params.options ?? {})
  const sheetName = sheets[sheet]
  if (
    parsed.missingColumns.length > 0 ||
    parsed.ambiguousColumns.length > 0 ||
    parsed.errorCount > 0
  ) {
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
    const { donorIds, created } = await resolveImportDonors(trx, params.actor, parsed.lines, {
      donors: params.donorChoices ?? {},
      anonymousRows: params.anonymousRows ? new Set(params.anonymousRows) : null,
    }).catch((error) => {
      if (error instanceof DonorChoiceError) throw new ImportNotConfirmableError('changed')
      throw error
    })
    if (parsed.mapped && parsed.header.signature) {
      await rememberColumns(trx, {
        signature: parsed.header.signature,
        columns: parsed.columns,
        headers: parsed.header.headers,
        userId: params.actor.id ?? null,
      })
    }
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
          sheet: sheetName,
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
