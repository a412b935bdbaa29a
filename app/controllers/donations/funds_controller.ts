import type { HttpContext } from '@adonisjs/core/http'
import createFund from '#actions/funds/create_fund'
import saveCampaign, { CameraOfAnotherCampaignError } from '#actions/funds/save_campaign'
import { campaignValidator, fundValidator } from '#validators/donation'
import { fundSummary, honourRoll } from '#services/donations/donation_queries'
import { allCampaigns, campaignOf, paidFromFund } from '#services/finance/campaigns'
import { actorFromContext } from '#services/audit'
import Fund from '#models/fund'
import Camera from '#models/camera'

/** Funds and campaigns: what each raised against its target, and what it bought. */
export default class FundsController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const campaigns = await allCampaigns()
    return view.render('pages/funds/index', { funds: await fundSummary(), campaigns })
  }

  async show({ view, bouncer, params }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const fund = await Fund.findOrFail(params.id)
    const campaign = (await campaignOf(fund.id))!
    const donors = await honourRoll(campaign.id)
    const bought = await paidFromFund(campaign.id)
    return view.render('pages/funds/show', { campaign, donors, bought })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const payload = await ctx.request.validateUsing(fundValidator)
    await createFund({
      actor: actorFromContext(ctx),
      code: payload.code,
      name: payload.name,
      targetAmount: payload.target_amount,
      targetDeadline: payload.target_deadline,
      purpose: payload.purpose,
    })
    ctx.session.flash('success', ctx.i18n.t('funds.created', { name: payload.name }))
    return ctx.response.redirect().toRoute('funds.index')
  }

  async edit({ view, bouncer, params }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('write')
    const fund = await Fund.findOrFail(params.id)
    // Planned cameras no campaign pays for yet, and the ones this fund already pays for.
    const cameras = await Camera.query()
      .where((q) =>
        q
          .where('fund_id', fund.id)
          .orWhere((p) => p.whereNull('fund_id').where('status', 'planned'))
      )
      .orderBy('code')
    return view.render('pages/funds/edit', { fund, cameras })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const fund = await Fund.findOrFail(ctx.params.id)
    const payload = await ctx.request.validateUsing(campaignValidator)
    try {
      await saveCampaign({
        actor: actorFromContext(ctx),
        fundId: fund.id,
        name: payload.name,
        goal: {
          targetAmount: payload.target_amount,
          targetDeadline: payload.target_deadline,
          purpose: payload.purpose,
        },
        cameraIds: payload.camera_ids ?? [],
      })
    } catch (error) {
      if (!(error instanceof CameraOfAnotherCampaignError)) throw error
      ctx.session.flash(
        'error',
        ctx.i18n.t('funds.camera_taken', { codes: error.codes.join(', ') })
      )
      return ctx.response.redirect().toRoute('funds.edit', { id: fund.id })
    }
    ctx.session.flash('success', ctx.i18n.t('funds.saved', { name: payload.name }))
    return ctx.response.redirect().toRoute('funds.show', { id: fund.id })
  }
}
