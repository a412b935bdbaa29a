import type { HttpContext } from '@adonisjs/core/http'
import Donor from '#models/donor'
import { createDonor, updateDonor, LikelyDuplicateDonorError } from '#actions/donors/save_donor'
import { donorValidator, donorFilterValidator, type DonorPayload } from '#validators/donation'
import { donationsQuery, donorsWithTotals } from '#services/donations/donation_queries'
import { actorFromContext } from '#services/audit'

export function donorFields(payload: DonorPayload) {
  return {
    kind: payload.kind,
    name: payload.name,
    address: payload.address,
    village: payload.village,
    phone: payload.phone,
    note: payload.note,
    anonymousPublic: payload.anonymous_public ?? false,
  }
}

/** The treasurer's donor list: search, add (with a duplicate warning), edit. */
export default class DonorsController {
  async index({ view, bouncer, request }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const filter = await request.validateUsing(donorFilterValidator)
    const donors = await donorsWithTotals(filter)
    return view.render('pages/donors/index', { donors, filter: request.qs() })
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('write')
    return view.render('pages/donors/form', { donor: null, duplicates: [] })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const payload = await ctx.request.validateUsing(donorValidator)
    try {
      const donor = await createDonor({
        actor: actorFromContext(ctx),
        fields: donorFields(payload),
        confirmDuplicate: payload.confirm_duplicate,
      })
      ctx.session.flash('success', ctx.i18n.t('donors.created', { name: donor.name }))
      return ctx.response.redirect().toRoute('donors.show', { id: donor.id })
    } catch (error) {
      if (!(error instanceof LikelyDuplicateDonorError)) throw error
      return this.askAboutDuplicates(ctx, null, error.candidates)
    }
  }

  async show({ view, bouncer, params }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const donor = await Donor.findOrFail(params.id)
    const donations = await donationsQuery({ donorId: donor.id })
    const total = donations.reduce((sum, d) => sum + d.amount, 0)
    return view.render('pages/donors/show', { donor, donations, total })
  }

  async edit({ view, bouncer, params }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('write')
    const donor = await Donor.findOrFail(params.id)
    return view.render('pages/donors/form', { donor, duplicates: [] })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('DonationPolicy').authorize('write')
    const donor = await Donor.findOrFail(ctx.params.id)
    const payload = await ctx.request.validateUsing(donorValidator)
    try {
      await updateDonor({
        actor: actorFromContext(ctx),
        donorId: donor.id,
        fields: donorFields(payload),
        confirmDuplicate: payload.confirm_duplicate,
      })
      ctx.session.flash('success', ctx.i18n.t('donors.updated'))
      return ctx.response.redirect().toRoute('donors.show', { id: donor.id })
    } catch (error) {
      if (!(error instanceof LikelyDuplicateDonorError)) throw error
      return this.askAboutDuplicates(ctx, donor, error.candidates)
    }
  }

  /** Back to the form, keeping what was typed, with the look-alikes and a confirm box. */
  protected askAboutDuplicates(ctx: HttpContext, donor: Donor | null, duplicates: Donor[]) {
    return ctx.view.render('pages/donors/form', {
      donor,
      duplicates,
      input: ctx.request.all(),
    })
  }
}
