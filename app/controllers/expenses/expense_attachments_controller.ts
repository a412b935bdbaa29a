import type { HttpContext } from '@adonisjs/core/http'
import Expense from '#models/expense'
import ExpenseAttachment from '#models/expense_attachment'
import {
  addAttachment,
  AttachmentRefusedError,
  attachmentPath,
} from '#actions/expenses/attachments'
import { ExpenseStateError } from '#actions/expenses/workflow'
import { MAX_DOCUMENT_BYTES } from '#services/uploads/file_type'
import { actorFromContext } from '#services/audit'

/** Contracts, invoices and vouchers: uploaded checked by content, served only to readers. */
export default class ExpenseAttachmentsController {
  async store(ctx: HttpContext) {
    await ctx.bouncer.with('ExpensePolicy').authorize('create')
    const expense = await Expense.findOrFail(ctx.params.id)
    await ctx.bouncer.with('ExpensePolicy').authorize('editDraft', expense)
    const back = () => ctx.response.redirect().toRoute('expenses.show', { id: expense.id })
    const file = ctx.request.file('file', { size: MAX_DOCUMENT_BYTES })
    if (!file || !file.tmpPath) {
      ctx.session.flash('error', ctx.i18n.t('expenses.attachment.missing'))
      return back()
    }
    if (file.errors.some((e) => e.type === 'size')) {
      ctx.session.flash('error', ctx.i18n.t('expenses.attachment.size'))
      return back()
    }
    try {
      await addAttachment({
        actor: actorFromContext(ctx),
        expenseId: expense.id,
        tmpPath: file.tmpPath,
        originalName: file.clientName,
      })
      ctx.session.flash('success', ctx.i18n.t('expenses.attachment.added'))
    } catch (error) {
      if (error instanceof AttachmentRefusedError) {
        ctx.session.flash('error', ctx.i18n.t(`expenses.attachment.${error.reason}`))
      } else if (error instanceof ExpenseStateError) {
        ctx.session.flash('error', ctx.i18n.t(`expenses.state.${error.reason}`))
      } else {
        throw error
      }
    }
    return back()
  }

  async show({ bouncer, params, response }: HttpContext) {
    await bouncer.with('ExpensePolicy').authorize('view')
    const attachment = await ExpenseAttachment.query()
      .where('id', params.attachmentId)
      .where('expense_id', params.id)
      .firstOrFail()
    response.header('Content-Type', attachment.contentType)
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox")
    response.header('Cache-Control', 'private, max-age=3600')
    response.header(
      'Content-Disposition',
      `inline; filename*=UTF-8''${encodeURIComponent(attachment.originalName)}`
    )
    return response.download(attachmentPath(attachment))
  }
}
