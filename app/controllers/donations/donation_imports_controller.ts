import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import Fund from '#models/fund'
import DonationBatch from '#models/donation_batch'
import {
  confirmImport,
  ImportNotConfirmableError,
  previewImport,
  reviewImport,
  type ImportPreview,
} from '#actions/donation_imports/import_donation_list'
import { importResult } from '#services/donations/import_result'
import { importColumns, importConfirmValidator, importReviewValidator } from '#validators/donation'
import { MAX_FILE_BYTES, SpreadsheetFileError } from '#services/donations/spreadsheet_file'
import { LIST_COLUMNS } from '#services/donations/list_columns'
import { actorFromContext } from '#services/audit'

/**
 * Import the treasurer's existing list: upload, preview every row (choosing the sheet, the
 * columns, who each donor is, who stays anonymous), confirm, see what was imported.
 */
export default class DonationImportsController {
  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('write')
    return view.render('pages/donation_imports/create', {})
  }

  async preview(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const file = ctx.request.file('file', { size: MAX_FILE_BYTES })
    if (!file || !file.tmpPath) return this.fail(ctx, 'file.missing')
    if (file.errors.some((e) => e.type === 'size')) {
      return this.fail(ctx, 'file.too_large', { limit: '10 MB' })
    }
    if (!file.isValid) return this.fail(ctx, 'file.missing')
    try {
      const preview = await previewImport(await readFile(file.tmpPath), file.clientName)
      return this.render(ctx, preview)
    } catch (error) {
      if (!(error instanceof SpreadsheetFileError)) throw error
      return this.fail(ctx, `file.${error.code}`, error.params)
    }
  }

  /** The same kept file read again with another sheet or column map (GET: reads only). */
  async review(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const payload = await ctx.request.validateUsing(importReviewValidator, {
      data: ctx.request.qs(),
    })
    const columns = importColumns(payload)
    try {
      const preview = await reviewImport(payload.token, payload.filename, {
        sheet: payload.sheet,
        columns: columns ?? undefined,
      })
      return this.render(ctx, preview, columns === null ? 'map_twice' : undefined)
    } catch (error) {
      return this.refuse(ctx, error)
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
        options: { sheet: payload.sheet, columns: importColumns(payload) ?? undefined },
        donorChoices: payload.donor ?? {},
        anonymousRows: payload.anonymous_reviewed ? (payload.anonymous ?? []) : undefined,
      })
      return ctx.response.redirect().toRoute('donation_imports.show', { id: batch.id })
    } catch (error) {
      return this.refuse(ctx, error)
    }
  }

  /** What an import wrote: count, total, receipt numbers, new and anonymous donors. */
  async show({ view, bouncer, params }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const batch = await DonationBatch.query()
      .where('id', params.id)
      .where('source', 'import')
      .preload('fund')
      .preload('creator')
      .firstOrFail()
    return view.render('pages/donation_imports/show', {
      batch,
      result: await importResult(batch),
    })
  }

  private async render(ctx: HttpContext, preview: ImportPreview, problem?: string) {
    return ctx.view.render('pages/donation_imports/preview', {
      preview,
      problem,
      fields: LIST_COLUMNS,
      funds: await Fund.query().orderBy('id'),
    })
  }

  /** A kept file that expired, changed or cannot be read: back to the upload, in words. */
  private refuse(ctx: HttpContext, error: unknown) {
    if (error instanceof ImportNotConfirmableError) {
      return this.fail(ctx, `refused.${error.reason}`)
    }
    if (error instanceof SpreadsheetFileError) {
      return this.fail(ctx, `file.${error.code}`, error.params)
    }
    throw error
  }

  private fail(ctx: HttpContext, key: string, params: Record<string, string | number> = {}) {
    ctx.session.flash('error', ctx.i18n.t(`donation_import.${key}`, params))
    return ctx.response.redirect().toRoute('donation_imports.create')
  }
}
