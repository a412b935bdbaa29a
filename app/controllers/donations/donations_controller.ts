import { randomUUID } from 'node:crypto'
import { DuplicateSubmissionError } from '#services/submission_keys'
import type { HttpContext } from '@adonisjs/core/http'
import Donation from '#models/donation'
import Donor, { DONOR_KINDS } from '#models/donor'
import { LikelyDuplicateDonorError } from '#actions/donors/save_donor'
import Fund from '#models/fund'
import DonationBatch from '#models/donation_batch'
import RecordDonation from '#actions/donations/record_donation'
import ReverseDonation, { DonationNotReversibleError } from '#actions/donations/reverse_donation'
import {
  donationValidator,
  donationFilterValidator,
  reverseDonationValidator,
  toDonationFilters,
  toDonationFields,
} from '#validators/donation'
import { donationsQuery, donationTotals } from '#services/donations/donation_queries'
import { actorFromContext } from '#services/audit'
import { amountInWords } from '#services/amount_in_words'
import { todayIso } from '#services/dates'

/** The ledger pages: list with filters, entering a donation, its receipt, reversing it. */
export default class DonationsController {
  async index({ view, bouncer, request }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const filter = await request.validateUsing(donationFilterValidator)
    const filters = toDonationFilters(filter)
    const donations = await donationsQuery(filters).paginate(filter.page ?? 1, 50)
    donations.baseUrl(request.url()).queryString(request.qs())
    const totals = await donationTotals(filters)
    const funds = await Fund.query().orderBy('id')
    const batch = filters.batchId ? await DonationBatch.find(filters.batchId) : null
    return view.render('pages/donations/index', {
      donations,
      totals,
      funds,
      batch,
      filter: request.qs(),
      exportQuery: new URLSearchParams(
        Object.entries(request.qs()).filter(([k, v]) => k !== 'page' && typeof v === 'string')
      ).toString(),
    })
  }

  async create({ view, bouncer, request, session }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('write')
    // A new donor that looked like listed ones: show them, with a box to confirm.
    const duplicateIds: number[] = session.flashMessages.get('duplicateDonors') ?? []
    const duplicates = duplicateIds.length ? await Donor.query().whereIn('id', duplicateIds) : []
    const donors = await Donor.query()
      .orderBy('name_normalized')
      .select('id', 'name', 'village', 'is_sample')
    const funds = await Fund.query().orderBy('id')
    return view.render('pages/donations/create', {
      donors,
      funds,
      selectedDonor: request.input('donor_id'),
      // From a household's row in a contribution scheme: its fund and what is left to pay.
      selectedFund: Number(request.input('fund_id')) || null,
      suggestedAmount: Number(request.input('amount')) || null,
      duplicates,
      donorKinds: DONOR_KINDS,
      today: todayIso(),
      // One key per form shown: sending the same form twice records one donation.
      submissionKey: randomUUID(),
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const payload = await ctx.request.validateUsing(donationValidator)
    try {
      const row = await RecordDonation.handle({
        actor: actorFromContext(ctx),
        enteredBy: ctx.auth.user!.id,
        ...toDonationFields(payload),
        submissionKey: payload.submission_key,
      })
      ctx.session.flash('success', ctx.i18n.t('donations.created', { receipt: row.receipt_no }))
      return ctx.response.redirect().toRoute('donations.show', { id: row.id })
    } catch (error) {
      if (error instanceof LikelyDuplicateDonorError) {
        ctx.session.flashExcept(['submission_key', '_csrf'])
        ctx.session.flash(
          'duplicateDonors',
          error.candidates.map((d) => d.id)
        )
        ctx.session.flash('error', ctx.i18n.t('donations.new_donor_duplicate'))
        return ctx.response.redirect().toRoute('donations.create')
      }
      if (!(error instanceof DuplicateSubmissionError)) throw error
      // A double click or a resent form: the first one was recorded, show it.
      ctx.session.flash('error', ctx.i18n.t('donations.duplicate_submission'))
      return error.entityId
        ? ctx.response.redirect().toRoute('donations.show', { id: error.entityId })
        : ctx.response.redirect().toRoute('donations.index')
    }
  }

  async show({ view, bouncer, params }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const donation = await this.find(params.id)
    return view.render('pages/donations/show', { donation })
  }

  /** The printable A5 receipt (phiếu thu) with the amount in words. */
  async receipt({ view, bouncer, params }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const donation = await this.find(params.id)
    if (donation.isReversal) return view.render('pages/errors/404', {})
    return view.render('pages/donations/receipt', {
      donation,
      amountWords: amountInWords(donation.amount),
    })
  }

  async reverse(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const { reason } = await ctx.request.validateUsing(reverseDonationValidator)
    try {
      await ReverseDonation.handle({
        actor: actorFromContext(ctx),
        enteredBy: ctx.auth.user!.id,
        donationId: Number(ctx.params.id),
        reason,
      })
      ctx.session.flash('success', ctx.i18n.t('donations.reversed'))
    } catch (error) {
      if (!(error instanceof DonationNotReversibleError)) throw error
      ctx.session.flash('error', ctx.i18n.t('donations.not_reversible'))
    }
    return ctx.response.redirect().toRoute('donations.show', { id: ctx.params.id })
  }

  protected find(id: number) {
    return Donation.query()
      .where('id', id)
      .preload('donor')
      .preload('fund')
      .preload('enteredByUser')
      .preload('reversal', (q) => q.preload('enteredByUser'))
      .preload('reverses')
      .firstOrFail()
  }
}
