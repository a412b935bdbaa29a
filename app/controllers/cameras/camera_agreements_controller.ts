import type { HttpContext } from '@adonisjs/core/http'
import Camera from '#models/camera'
import CameraAgreement from '#models/camera_agreement'
import saveAgreement from '#actions/cameras/save_agreement'
import { cameraAgreementValidator } from '#validators/camera_agreement'
import { UploadRefusedError, storedFilePath } from '#services/uploads/stored_file'
import { actorFromContext } from '#services/audit'

/** The connection agreement of a camera the programme does not own. */
export default class CameraAgreementsController {
  async edit({ view, bouncer, params }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('write')
    const camera = await Camera.findOrFail(params.id)
    const agreement = await CameraAgreement.findBy('camera_id', camera.id)
    return view.render('pages/cameras/agreement', { camera, agreement })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('CameraPolicy').authorize('write')
    const camera = await Camera.findOrFail(ctx.params.id)
    const payload = await ctx.request.validateUsing(cameraAgreementValidator)
    const scan = ctx.request.file('scan', { size: '10mb' })
    if (scan && scan.errors.some((e) => e.type === 'size')) {
      ctx.session.flash('error', ctx.i18n.t('uploads.size'))
      return ctx.response.redirect().back()
    }
    try {
      await saveAgreement({
        actor: actorFromContext(ctx),
        cameraId: camera.id,
        fields: payload,
        scanTmpPath: scan?.tmpPath ?? null,
      })
    } catch (error) {
      if (!(error instanceof UploadRefusedError)) throw error
      ctx.session.flash('error', ctx.i18n.t(`uploads.${error.reason}`))
      return ctx.response.redirect().back()
    }
    ctx.session.flash('success', ctx.i18n.t('cameras.agreement.saved'))
    return ctx.response.redirect().toRoute('cameras.show', { id: camera.id })
  }

  /** The signed paper, to those who may see households' details. */
  async scan({ bouncer, params, response }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('viewHouseholds')
    const agreement = await CameraAgreement.findByOrFail('camera_id', params.id)
    if (!agreement.scanSha256 || !agreement.scanType) return response.notFound()
    response.header('Content-Type', agreement.scanType)
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox")
    return response.download(
      storedFilePath({ sha256: agreement.scanSha256, contentType: agreement.scanType })
    )
  }
}
