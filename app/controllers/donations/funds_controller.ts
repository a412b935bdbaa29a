import type { HttpContext } from '@adonisjs/core/http'
import createFund from '#actions/funds/create_fund'
import { fundValidator } from '#validators/donation'
import { fundSummary } from '#services/donations/donation_queries'
import { actorFromContext } from '#services/audit'

/** Funds and campaigns with what each raised; the treasurer opens new ones. */
export default class FundsController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    return view.render('pages/funds/index', { funds: await fundSummary() })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const payload = await ctx.request.validateUsing(fundValidator)
    await createFund({ actor: actorFromContext(ctx), ...payload })
    ctx.session.flash('success', ctx.i18n.t('funds.created', { name: payload.name }))
    return ctx.response.redirect().toRoute('funds.index')
  }
}
