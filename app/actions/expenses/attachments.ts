import { createHash } from 'node:crypto'
import { mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Expense from '#models/expense'
import ExpenseAttachment from '#models/expense_attachment'
import { recordAudit, type AuditActor } from '#services/audit'
import {
  DOCUMENT_TYPES,
  MAX_DOCUMENT_BYTES,
  sniffDocumentType,
  type DocumentType,
} from '#services/uploads/file_type'
import { ExpenseStateError } from '#actions/expenses/workflow'

/** Refused upload; `reason` is an i18n key under expenses.attachment. */
export class AttachmentRefusedError extends Error {
  constructor(public reason: 'type' | 'size' | 'empty') {
    super(reason)
  }
}

/** Where an attachment's bytes live: content-addressed under storage/attachments. */
export function attachmentPath(attachment: { sha256: string; contentType: string }) {
  const ext = DOCUMENT_TYPES[attachment.contentType as DocumentType]?.ext ?? 'bin'
  return app.makePath(
    'storage/attachments',
    attachment.sha256.slice(0, 2),
    `${attachment.sha256}.${ext}`
  )
}

/**
 * Keeps an uploaded PDF/JPG/PNG (type from its content, at most 10 MB) with an expense
 * that is not frozen yet. The file is written first (by hash, atomically), then the row.
 */
export async function addAttachment(params: {
  actor: AuditActor
  expenseId: number
  tmpPath: string
  originalName: string
}) {
  const size = (await stat(params.tmpPath)).size
  if (size === 0) throw new AttachmentRefusedError('empty')
  if (size > MAX_DOCUMENT_BYTES) throw new AttachmentRefusedError('size')
  const handle = await open(params.tmpPath, 'r')
  const head = Buffer.alloc(16)
  await handle.read(head, 0, 16, 0)
  await handle.close()
  const type = sniffDocumentType(head)
  if (!type) throw new AttachmentRefusedError('type')

  const content = await readFile(params.tmpPath)
  const sha256 = createHash('sha256').update(content).digest('hex')
  const target = attachmentPath({ sha256, contentType: type })
  await mkdir(dirname(target), { recursive: true })
  const partial = `${target}.${process.pid}.part`
  await writeFile(partial, content)
  await rename(partial, target)

  return db.transaction(async (trx) => {
    const expense = await Expense.query({ client: trx })
      .where('id', params.expenseId)
      .forUpdate()
      .firstOrFail()
    if (!['draft', 'submitted'].includes(expense.status)) throw new ExpenseStateError('frozen')
    const attachment = new ExpenseAttachment()
    attachment.merge({
      expenseId: expense.id,
      originalName: params.originalName.slice(0, 255),
      contentType: type,
      byteSize: size,
      sha256,
      uploadedBy: params.actor.id!,
    })
    attachment.useTransaction(trx)
    await attachment.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'expense.attach',
        entityType: 'expense',
        entityId: expense.id,
        after: { attachmentId: attachment.id, name: attachment.originalName, type, size, sha256 },
      },
      trx
    )
    return attachment
  })
}
