import type { HttpContext } from '@adonisjs/core/http'
import ContributionScheme from '#models/contribution_scheme'
import Fund from '#models/fund'
import createScheme from '#actions/contributions/create_scheme'
import enrolHouseholds from '#actions/contributions/enrol_households'
import { enrolValidator, schemeFilterValidator, schemeValidator } from '#validators/contribution'
import {
  collectionByVillage,
  inVillage,
  knownVillages,
  schemeLines,
} from '#services/contributions/contribution_queries'
import { actorFromContext } from '#services/audit'
import { todayIso } from '#services/dates'

/** Household contributions: schemes, who pledged and paid per thôn, the collection lists. */
export default class ContributionSchemesController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const schemes = await ContributionScheme.query().preload('fund').orderBy('year', 'desc')
    const summaries = []
    for (const scheme of schemes) {
      summaries.push({ scheme, ...collectionByVillage(await schemeLines(scheme)) })
    }
    return view.render('pages/contributions/index', {
      summaries,
      funds: await Fund.query().orderBy('id'),
      villages: await knownVillages(),
      thisYear: Number(todayIso().slice(0, 4)),
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('manageSchemes')
    const p = await ctx.request.validateUsing(schemeValidator)
    const exists = await ContributionScheme.query()
      .where({ fundId: p.fund_id, year: p.year })
      .first()
    if (exists) {
      ctx.session.flashAll()
      ctx.session.flash('error', ctx.i18n.t('contributions.exists', { year: p.year }))
      return ctx.response.redirect().back()
    }
    const { scheme, households } = await createScheme({
      actor: actorFromContext(ctx),
      name: p.name,
      fundId: p.fund_id,
      year: p.year,
      amountPerHousehold: p.amount_per_household,
      note: p.note,
      villages: p.villages ?? [],
    })
    ctx.session.flash('success', ctx.i18n.t('contributions.created', { households }))
    return ctx.response.redirect().toRoute('contributions.show', { id: scheme.id })
  }

  async show({ view, bouncer, params, request }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const scheme = await ContributionScheme.query()
      .where('id', params.id)
      .preload('fund')
      .firstOrFail()
    const filter = await request.validateUsing(schemeFilterValidator, { data: request.qs() })
    const lines = await schemeLines(scheme)
    const shown = lines.filter(
      (l) => inVillage(l, filter.village) && (!filter.unpaid || !l.fullyPaid)
    )
    return view.render('pages/contributions/show', {
      scheme,
      lines: shown,
      collection: collectionByVillage(lines),
      filter,
      villages: await knownVillages(),
    })
  }

  async enrol(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('enrolHouseholds')
    const scheme = await ContributionScheme.findOrFail(ctx.params.id)
    const p = await ctx.request.validateUsing(enrolValidator)
    const added = await enrolHouseholds({
      actor: actorFromContext(ctx),
      schemeId: scheme.id,
      villages: p.villages,
      donorIds: p.donor_id ? [p.donor_id] : [],
    })
    ctx.session.flash('success', ctx.i18n.t('contributions.enrolled', { households: added }))
    return ctx.response.redirect().toRoute('contributions.show', { id: scheme.id })
  }

  /** The printable list a village head takes round: who has not paid, with what is left. */
  async collectionList({ view, bouncer, params, request }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const scheme = await ContributionScheme.query()
      .where('id', params.id)
      .preload('fund')
      .firstOrFail()
    const { village } = await request.validateUsing(schemeFilterValidator, { data: request.qs() })
    const lines = (await schemeLines(scheme)).filter((l) => !l.fullyPaid && inVillage(l, village))
    return view.render('pages/contributions/collection_list', { scheme, lines, village })
  }
}
