import type { HttpContext } from '@adonisjs/core/http'
import { requestRecovery, RecoveryRequestError } from '#actions/footage/request_recovery'
import { recoveryValidator } from '#validators/evidence'
import { actorFromContext } from '#services/audit'

/** The operator asks for a gap on the timeline to be fetched from the camera's SD card. */
export default class EdgeRecoveriesController {
  async store(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('view')
    const cameraId = Number(ctx.params.id)
    const p = await ctx.request.validateUsing(recoveryValidator)
    const back = () =>
      ctx.response
        .redirect()
        .toRoute('footage.playback', { id: cameraId }, { qs: p.day ? { day: p.day } : {} })
    try {
      await requestRecovery({
        actor: actorFromContext(ctx),
        cameraId,
        from: new Date(p.from_ms),
        to: new Date(p.to_ms),
      })
      ctx.session.flash('success', ctx.i18n.t('footage.recovery_queued'))
    } catch (error) {
      if (!(error instanceof RecoveryRequestError)) throw error
      ctx.session.flash('error', ctx.i18n.t(`footage.recovery_errors.${error.reason}`))
    }
    return back()
  }
}
