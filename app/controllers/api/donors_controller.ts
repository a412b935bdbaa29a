import type { HttpContext } from '@adonisjs/core/http'
import Donor from '#models/donor'
import { createDonor, LikelyDuplicateDonorError } from '#actions/donors/save_donor'
import { donorValidator, donorFilterValidator } from '#validators/donation'
import { donorFields } from '#controllers/donations/donors_controller'
import { donorsWithTotals } from '#services/donations/donation_queries'
import { donorJson } from '#services/donations/api_json'
import { actorFromContext } from '#services/audit'

/** /api/v1/donors: list (with totals), create (409 on a likely duplicate), show. */
export default class DonorsController {
  async index({ bouncer, request }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    const filter = await request.validateUsing(donorFilterValidator)
    const donors = await donorsWithTotals(filter)
    return {
      data: donors.map((d) => ({
        id: d.id,
        kind: d.kind,
        name: d.name,
        village: d.village,
        address: d.address,
        phone: d.phone,
        note: d.note,
        anonymous_public: d.anonymousPublic,
        is_sample: d.isSample,
        total: d.total,
        donation_count: d.count,
      })),
    }
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
      return ctx.response.created({ data: donorJson(donor) })
    } catch (error) {
      if (!(error instanceof LikelyDuplicateDonorError)) throw error
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
  }

  async show({ bouncer, params }: HttpContext) {
    await bouncer.with('DonationPolicy').authorize('view')
    return { data: donorJson(await Donor.findOrFail(params.id)) }
  }
}
