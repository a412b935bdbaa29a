import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import Camera from '#models/camera'
import reportFault from '#actions/fault_reports/report_fault'
import { faultReportValidator } from '#validators/camera'
import { UploadRefusedError } from '#services/uploads/stored_file'

/** "Báo camera hỏng": the page a camera's QR label opens, for anyone, no login. */
export default class PublicFaultController {
  async show({ view, params, request }: HttpContext) {
    // Enough for a household opening its label; too few to walk every code in the commune.
    await limiter
      .use({ requests: 30, duration: '10 mins', blockDuration: '10 mins' })
      .consume(`fault_page_${request.ip()}`)
    const camera = await inService(params.code).preload('location').firstOrFail()
    return view.render('pages/public/report_fault', { camera })
  }

  async store(ctx: HttpContext) {
    const camera = await inService(ctx.params.code).firstOrFail()
    // Counted (per address and per camera) by the route's middleware before the body was read.
    const payload = await ctx.request.validateUsing(faultReportValidator)
    const photo = ctx.request.file('photo', { size: '10mb' })
    if (photo && photo.errors.some((e) => e.type === 'size')) {
      ctx.session.flash('error', ctx.i18n.t('uploads.size'))
      return ctx.response.redirect().back()
    }
    try {
      await reportFault({
        cameraId: camera.id,
        description: payload.description,
        phone: payload.phone,
        photoTmpPath: photo?.tmpPath ?? null,
        ip: ctx.request.ip(),
      })
    } catch (error) {
      if (!(error instanceof UploadRefusedError)) throw error
      ctx.session.flash(
        'error',
        ctx.i18n.t(error.reason === 'type' ? 'faults.photo_type' : `uploads.${error.reason}`)
      )
      return ctx.response.redirect().back()
    }
    return ctx.view.render('pages/public/report_fault_done', { camera })
  }
}

/** A camera households can report: one on the street (not planned, not taken down). */
function inService(code: unknown) {
  return Camera.query()
    .where('code', String(code).toUpperCase().slice(0, 40))
    .whereIn('status', ['active', 'faulty', 'under_repair'])
}
