import { LikelyDuplicateDonorError } from '#actions/donors/save_donor'
import { DuplicateSubmissionError } from '#services/submission_keys'
import type { HttpContext } from '@adonisjs/core/http'
import Donation from '#models/donation'
import RecordDonation from '#actions/donations/record_donation'
import ReverseDonation, { DonationNotReversibleError } from '#actions/donations/reverse_donation'
import {
  donationFilterValidator,
  donationValidator,
  reverseDonationValidator,
  toDonationFilters,
  toDonationFields,
} from '#validators/donation'
import { donationsQuery, donationTotals, fundSummary } from '#services/donations/donation_queries'
import { donationJson, donorJson } from '#services/donations/api_json'
import { actorFromContext } from '#services/audit'

/** /api/v1/donations and /api/v1/funds/summary, with the same rules as the pages. */
export default class DonationsController {
  async index({ bouncer, request }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const filter = await request.validateUsing(donationFilterValidator)
    const filters = toDonationFilters(filter)
    const page = await donationsQuery(filters).paginate(filter.page ?? 1, 100)
    const totals = await donationTotals(filters)
    return {
      data: page.all().map(donationJson),
      meta: {
        page: page.currentPage,
        last_page: page.lastPage,
        total_entries: page.total,
        net_amount: totals.net,
      },
    }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const payload = await ctx.request.validateUsing(donationValidator)
    // Idempotency-Key (any text up to 100 characters): a retried request records nothing twice.
    const key = ctx.request.header('idempotency-key')?.trim().slice(0, 100) || null
    try {
      const row = await RecordDonation.handle({
        actor: actorFromContext(ctx),
        enteredBy: ctx.auth.user!.id,
        ...toDonationFields(payload),
        submissionKey: key ? `api:${ctx.auth.user!.id}:${key}` : payload.submission_key,
      })
      return ctx.response.created({ data: donationJson(await this.find(row.id)) })
    } catch (error) {
      if (error instanceof LikelyDuplicateDonorError) {
        return ctx.response.conflict({
          errors: [
            {
              code: error.code,
              message: ctx.i18n.t('donors.duplicate_api'),
              candidates: error.candidates.map(donorJson),
            },
          ],
        })
      }
      if (!(error instanceof DuplicateSubmissionError)) throw error
      return ctx.response.conflict({
        errors: [
          {
            message: ctx.i18n.t('donations.duplicate_submission'),
            code: 'E_DUPLICATE_SUBMISSION',
            donation_id: error.entityId,
          },
        ],
      })
    }
  }

  async show({ bouncer, params }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    return { data: donationJson(await this.find(params.id)) }
  }

  async reverse(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const { reason } = await ctx.request.validateUsing(reverseDonationValidator)
    await this.find(ctx.params.id)
    try {
      const row = await ReverseDonation.handle({
        actor: actorFromContext(ctx),
        enteredBy: ctx.auth.user!.id,
        donationId: Number(ctx.params.id),
        reason,
      })
      return ctx.response.created({ data: donationJson(await this.find(row.id)) })
    } catch (error) {
      if (!(error instanceof DonationNotReversibleError)) throw error
      return ctx.response.conflict({
        errors: [{ code: error.code, message: ctx.i18n.t('donations.not_reversible') }],
      })
    }
  }

  async fundsSummary({ bouncer }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const funds = await fundSummary()
    return {
      data: funds.map((f) => ({
        id: f.id,
        code: f.code,
        name: f.name,
        is_default: f.isDefault,
        raised: f.net,
        gross: f.gross,
        reversed: f.reversed,
        donation_count: f.donationCount,
      })),
    }
  }

  protected find(id: number) {
    return Donation.query().where('id', id).preload('donor').preload('reversal').firstOrFail()
  }
}
