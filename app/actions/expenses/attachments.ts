import db from '@adonisjs/lucid/services/db'
import Expense from '#models/expense'
import ExpenseAttachment from '#models/expense_attachment'
import { recordAudit, type AuditActor } from '#services/audit'
import { storedFilePath, storeUpload, UploadRefusedError } from '#services/uploads/stored_file'
import { ExpenseStateError } from '#actions/expenses/workflow'

export { UploadRefusedError as AttachmentRefusedError }

/** Where an attachment's bytes live. */
export const attachmentPath = storedFilePath

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
  const { sha256, contentType: type, size } = await storeUpload(params.tmpPath)

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
