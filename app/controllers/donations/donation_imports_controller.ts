import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import Fund from '#models/fund'
import {
  confirmImport,
  ImportNotConfirmableError,
  previewImport,
} from '#actions/donation_imports/import_donation_list'
import { importConfirmValidator } from '#validators/donation'
import { MAX_FILE_BYTES, SpreadsheetFileError } from '#services/donations/spreadsheet_file'
import { actorFromContext } from '#services/audit'

/** Import the treasurer's existing list: upload, preview every row, confirm. */
export default class DonationImportsController {
  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('write')
    return view.render('pages/donation_imports/create', {})
  }

  async preview(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const file = ctx.request.file('file', { size: MAX_FILE_BYTES })
    const fail = (key: string, params: Record<string, string | number> = {}) => {
      ctx.session.flash('error', ctx.i18n.t(`donation_import.file.${key}`, params))
      return ctx.response.redirect().toRoute('donation_imports.create')
    }
    if (!file || !file.tmpPath) return fail('missing')
    if (file.errors.some((e) => e.type === 'size')) return fail('too_large', { limit: '10 MB' })
    if (!file.isValid) return fail('missing')
    try {
      const preview = await previewImport(await readFile(file.tmpPath), file.clientName)
      return ctx.view.render('pages/donation_imports/preview', {
        preview,
        funds: await Fund.query().orderBy('id'),
      })
    } catch (error) {
      if (!(error instanceof SpreadsheetFileError)) throw error
      return fail(error.code, error.params)
    }
  }

  async confirm(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const payload = await ctx.request.validateUsing(importConfirmValidator)
    try {
      const batch = await confirmImport({
        actor: actorFromContext(ctx),
        token: payload.token,
        filename: payload.filename,
        fundId: payload.fund_id ?? (await Fund.default()).id,
        expectedCount: payload.expected_count,
        expectedTotal: payload.expected_total,
      })
      ctx.session.flash(
        'success',
        ctx.i18n.t('donation_import.done', { count: batch.expectedCount })
      )
      return ctx.response.redirect().toRoute('donation_batches.show', { id: batch.id })
    } catch (error) {
      if (error instanceof ImportNotConfirmableError) {
        ctx.session.flash('error', ctx.i18n.t(`donation_import.refused.${error.reason}`))
        return ctx.response.redirect().toRoute('donation_imports.create')
      }
      if (error instanceof SpreadsheetFileError) {
        ctx.session.flash('error', ctx.i18n.t(`donation_import.file.${error.code}`, error.params))
        return ctx.response.redirect().toRoute('donation_imports.create')
      }
      throw error
    }
  }
}
