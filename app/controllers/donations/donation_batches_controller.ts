import type { HttpContext } from '@adonisjs/core/http'
import DonationBatch from '#models/donation_batch'
import Donor from '#models/donor'
import Fund from '#models/fund'
import {
  addBatchRow,
  batchTally,
  BatchClosedError,
  BatchMismatchError,
  closeBatch,
  createBatch,
  removeBatchRow,
} from '#actions/donation_batches/batch_actions'
import { batchRowValidator, batchValidator } from '#validators/donation'
import { actorFromContext } from '#services/audit'
import { formatMoney } from '#services/money'
import { todayIso } from '#services/dates'

/** Typing in a paper list: declare its count and total, add lines, close when they match. */
export default class DonationBatchesController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const batches = await DonationBatch.query()
      .preload('fund')
      .preload('creator')
      .withCount('rows')
      .withAggregate('rows', (q) => q.sum('amount').as('rows_total'))
      .withCount('donations', (q) => q.where('kind', 'donation').as('posted_count'))
      .withAggregate('donations', (q) =>
        q.where('kind', 'donation').sum('amount').as('posted_total')
      )
      .orderBy('status', 'desc')
      .orderBy('id', 'desc')
      .limit(200)
    return view.render('pages/donation_batches/index', { batches })
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('write')
    return view.render('pages/donation_batches/create', {
      funds: await Fund.query().orderBy('id'),
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const payload = await ctx.request.validateUsing(batchValidator)
    const batch = await createBatch({
      actor: actorFromContext(ctx),
      label: payload.label,
      fundId: payload.fund_id ?? (await Fund.default()).id,
      expectedCount: payload.expected_count,
      expectedTotal: payload.expected_total,
    })
    return ctx.response.redirect().toRoute('donation_batches.show', { id: batch.id })
  }

  async show({ view, bouncer, params, response }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const imported = await DonationBatch.query()
      .where('id', params.id)
      .where('source', 'import')
      .first()
    if (imported) return response.redirect().toRoute('donation_imports.show', { id: imported.id })
    const batch = await DonationBatch.query()
      .where('id', params.id)
      .preload('fund')
      .preload('creator')
      .preload('rows', (q) => q.preload('donor').orderBy('id'))
      .firstOrFail()
    const tally = await batchTally(batch.id)
    const donors = await Donor.query().orderBy('name_normalized').select('id', 'name', 'village')
    return view.render('pages/donation_batches/show', { batch, tally, donors, today: todayIso() })
  }

  async addRow(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const payload = await ctx.request.validateUsing(batchRowValidator)
    await this.whileOpen(ctx, () =>
      addBatchRow({
        actor: actorFromContext(ctx),
        batchId: Number(ctx.params.id),
        line: {
          donorId: payload.donor_id,
          donor: {
            name: payload.donor_name ?? '',
            kind: payload.donor_kind,
            village: payload.donor_village,
            phone: payload.donor_phone,
          },
          amount: payload.amount,
          receivedOn: payload.received_on,
          method: payload.method,
          inKindDescription: payload.in_kind_description,
          note: payload.note,
        },
      })
    )
    return ctx.response.redirect().toRoute('donation_batches.show', { id: ctx.params.id })
  }

  async removeRow(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    await this.whileOpen(ctx, () =>
      removeBatchRow({ batchId: Number(ctx.params.id), rowId: Number(ctx.params.rowId) })
    )
    return ctx.response.redirect().toRoute('donation_batches.show', { id: ctx.params.id })
  }

  async close(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    try {
      await this.whileOpen(ctx, () =>
        closeBatch({ actor: actorFromContext(ctx), batchId: Number(ctx.params.id) })
      )
    } catch (error) {
      if (!(error instanceof BatchMismatchError)) throw error
      ctx.session.flash(
        'error',
        ctx.i18n.t('donation_batches.mismatch', {
          expectedCount: error.expected.count,
          expectedTotal: formatMoney(error.expected.total),
          actualCount: error.actual.count,
          actualTotal: formatMoney(error.actual.total),
        })
      )
      return ctx.response.redirect().toRoute('donation_batches.show', { id: ctx.params.id })
    }
    ctx.session.flash('success', ctx.i18n.t('donation_batches.closed'))
    return ctx.response.redirect().toRoute('donation_batches.show', { id: ctx.params.id })
  }

  protected async whileOpen<T>(ctx: HttpContext, work: () => Promise<T>) {
    try {
      return await work()
    } catch (error) {
      if (!(error instanceof BatchClosedError)) throw error
      ctx.session.flash('error', ctx.i18n.t('donation_batches.already_closed'))
      return null
    }
  }
}
