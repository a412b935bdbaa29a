import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import Camera from '#models/camera'
import { EvidenceStateError } from '#actions/evidence/cases'
import { exportFromPlayback } from '#actions/evidence/export_from_playback'
import { enqueueExport } from '#services/evidence/export_queue'
import { actorFromContext } from '#services/audit'
import { DISPLAY_ZONE, todayIso } from '#services/dates'
import { playbackEvidenceValidator } from '#validators/evidence'

/** The playback page's "export as evidence": window → case (open or new) → export queued. */
export default class PlaybackEvidenceController {
  async store(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('export')
    const camera = await Camera.findOrFail(ctx.params.id)
    const p = await ctx.request.validateUsing(playbackEvidenceValidator)
    const from = DateTime.fromISO(p.from, { zone: DISPLAY_ZONE })
    const to = DateTime.fromISO(p.to, { zone: DISPLAY_ZONE })
    const back = () =>
      ctx.response.redirect().toRoute(
        'footage.playback',
        { id: camera.id },
        {
          qs: { day: from.isValid ? from.toISODate() : undefined },
        }
      )
    if (!from.isValid || !to.isValid || to <= from || to.diff(from, 'hours').hours > 24) {
      ctx.session.flashAll()
      ctx.session.flash('error', ctx.i18n.t('evidence.bad_window'))
      return back()
    }
    try {
      const { caseId, exportId } = await exportFromPlayback({
        actor: actorFromContext(ctx),
        cameraId: camera.id,
        startsAt: from.toJSDate(),
        endsAt: to.toJSDate(),
        caseId: p.case_id,
        viewingCopy: p.viewing_copy ?? false,
        newCase: p.case_id
          ? null
          : {
              caseNumber: p.case_number!,
              caseType: p.case_type!,
              description: p.description!,
              requestingAgency: p.requesting_agency!,
              requestingPerson: p.requesting_person!,
              requestedOn: p.requested_on ?? todayIso(),
            },
      })
      void enqueueExport(exportId)
      ctx.session.flash('success', ctx.i18n.t('evidence.export_queued'))
      return ctx.response.redirect().toRoute('evidence.show', { id: caseId })
    } catch (error) {
      if (!(error instanceof EvidenceStateError)) throw error
      ctx.session.flashAll()
      ctx.session.flash('error', ctx.i18n.t(`evidence.state.${error.reason}`))
      return back()
    }
  }
}
