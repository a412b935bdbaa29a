import type { HttpContext } from '@adonisjs/core/http'
import Household from '#models/household'
import saveHousehold from '#actions/households/save_household'
import { householdValidator, toHouseholdFields } from '#validators/camera'
import { UploadRefusedError, storedFilePath } from '#services/uploads/stored_file'
import { actorFromContext } from '#services/audit'

/** Households hosting cameras: consent, power, Wi-Fi, support. */
export default class HouseholdsController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('viewHouseholds')
    const households = await Household.query().preload('cameras').orderBy('head_name')
    return view.render('pages/households/index', { households })
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('write')
    return view.render('pages/households/form', { household: null })
  }

  async store(ctx: HttpContext) {
    return this.save(ctx, undefined)
  }

  async edit({ view, bouncer, params }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('write')
    return view.render('pages/households/form', {
      household: await Household.findOrFail(params.id),
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('CameraPolicy').authorize('write')
    const household = await Household.findOrFail(ctx.params.id)
    return this.save(ctx, household.id)
  }

  /** The consent scan, to those who may see households. */
  async consentScan({ bouncer, params, response }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('viewHouseholds')
    const household = await Household.findOrFail(params.id)
    if (!household.consentScanSha256 || !household.consentScanType) return response.notFound()
    response.header('Content-Type', household.consentScanType)
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox")
    return response.download(
      storedFilePath({
        sha256: household.consentScanSha256,
        contentType: household.consentScanType,
      })
    )
  }

  protected async save(ctx: HttpContext, householdId: number | undefined) {
    await ctx.bouncer.with('CameraPolicy').authorize('write')
    const payload = await ctx.request.validateUsing(householdValidator)
    const scan = ctx.request.file('consent_scan', { size: '10mb' })
    if (scan && scan.errors.some((e) => e.type === 'size')) {
      ctx.session.flash('error', ctx.i18n.t('uploads.size'))
      return ctx.response.redirect().back()
    }
    try {
      const household = await saveHousehold({
        actor: actorFromContext(ctx),
        householdId,
        fields: { ...toHouseholdFields(payload), consentScanTmpPath: scan?.tmpPath ?? null },
      })
      ctx.session.flash('success', ctx.i18n.t('households.saved'))
      return ctx.response.redirect().toRoute('households.edit', { id: household.id })
    } catch (error) {
      if (!(error instanceof UploadRefusedError)) throw error
      ctx.session.flash('error', ctx.i18n.t(`uploads.${error.reason}`))
      return ctx.response.redirect().back()
    }
  }
}
