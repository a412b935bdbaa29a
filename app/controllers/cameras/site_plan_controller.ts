import type { HttpContext } from '@adonisjs/core/http'
import { currentSitePlan, uploadSitePlan } from '#actions/cameras/site_plan'
import { placeCameraOnPlan } from '#actions/cameras/save_camera'
import { placementValidator } from '#validators/camera'
import { camerasWithStatus } from '#services/cameras/camera_queries'
import { LIVE_STATUSES } from '#services/cameras/live_status'
import { storedFilePath, UploadRefusedError } from '#services/uploads/stored_file'
import { actorFromContext } from '#services/audit'

/** The commune's diagram with a pin per camera, coloured by live status. */
export default class SitePlanController {
  async show({ view, bouncer }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('view')
    const plan = await currentSitePlan()
    const rows = await camerasWithStatus({})
    return view.render('pages/site_plan/show', { plan, rows, statuses: LIVE_STATUSES })
  }

  async image({ bouncer, response }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('view')
    const plan = await currentSitePlan()
    if (!plan) return response.notFound()
    response.header('Content-Type', plan.content_type)
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Cache-Control', 'private, max-age=60')
    return response.download(
      storedFilePath({ sha256: plan.sha256, contentType: plan.content_type })
    )
  }

  async upload(ctx: HttpContext) {
    await ctx.bouncer.with('CameraPolicy').authorize('uploadPlan')
    const file = ctx.request.file('plan', { size: '10mb' })
    const back = () => ctx.response.redirect().toRoute('site_plan.show')
    if (!file?.tmpPath) {
      ctx.session.flash('error', ctx.i18n.t('uploads.missing'))
      return back()
    }
    if (file.errors.some((e) => e.type === 'size')) {
      ctx.session.flash('error', ctx.i18n.t('uploads.size'))
      return back()
    }
    try {
      await uploadSitePlan({ actor: actorFromContext(ctx), tmpPath: file.tmpPath })
      ctx.session.flash('success', ctx.i18n.t('site_plan.uploaded'))
    } catch (error) {
      if (!(error instanceof UploadRefusedError)) throw error
      ctx.session.flash(
        'error',
        ctx.i18n.t(error.reason === 'type' ? 'site_plan.not_image' : `uploads.${error.reason}`)
      )
    }
    return back()
  }

  /** Places a pin (a click on the plan, or the form under it without JavaScript). */
  async place(ctx: HttpContext) {
    await ctx.bouncer.with('CameraPolicy').authorize('write')
    const payload = await ctx.request.validateUsing(placementValidator)
    await placeCameraOnPlan({
      actor: actorFromContext(ctx),
      cameraId: payload.camera_id,
      x: payload.x,
      y: payload.y,
    })
    if (ctx.request.accepts(['html', 'json']) === 'json') return { ok: true }
    ctx.session.flash('success', ctx.i18n.t('site_plan.placed'))
    return ctx.response.redirect().toRoute('site_plan.show')
  }
}
