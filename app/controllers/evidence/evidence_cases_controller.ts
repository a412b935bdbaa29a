import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import Camera from '#models/camera'
import {
  addClips,
  CASE_TYPES,
  closeCase,
  createCase,
  EvidenceStateError,
} from '#actions/evidence/cases'
import { requestExport } from '#actions/evidence/export_package'
import { enqueueExport } from '#services/evidence/export_queue'
import { caseClipCount, caseDetails, casesWithClipCounts } from '#services/evidence/case_queries'
import { caseValidator, clipsValidator, exportValidator } from '#validators/evidence'
import { actorFromContext } from '#services/audit'
import { DISPLAY_ZONE } from '#services/dates'

/** Evidence cases: the case, its clips, its exports and its chain of custody. */
export default class EvidenceCasesController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('FootagePolicy').authorize('export')
    const cases = await casesWithClipCounts()
    return view.render('pages/evidence/index', { cases, caseTypes: CASE_TYPES })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('export')
    const p = await ctx.request.validateUsing(caseValidator)
    try {
      const row = await createCase({
        actor: actorFromContext(ctx),
        fields: {
          caseNumber: p.case_number,
          caseType: p.case_type,
          description: p.description,
          requestingAgency: p.requesting_agency,
          requestingPerson: p.requesting_person,
          requestedOn: p.requested_on,
        },
      })
      ctx.session.flash('success', ctx.i18n.t('evidence.created'))
      return ctx.response.redirect().toRoute('evidence.show', { id: row.id })
    } catch (error) {
      if (!(error instanceof EvidenceStateError)) throw error
      ctx.session.flashAll()
      ctx.session.flash('error', ctx.i18n.t(`evidence.state.${error.reason}`))
      return ctx.response.redirect().back()
    }
  }

  async show({ view, bouncer, params }: HttpContext) {
    await bouncer.with('FootagePolicy').authorize('export')
    const details = await caseDetails(Number(params.id))
    return view.render('pages/evidence/show', {
      ...details,
      cameras: await Camera.query().whereNotNull('main_stream_url').orderBy('code'),
    })
  }

  async addClips(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('export')
    // One ticked camera arrives as a value, several as a list.
    const p = await clipsValidator.validate(
      { ...ctx.request.all(), camera_ids: [ctx.request.input('camera_ids') ?? []].flat() },
      { messagesProvider: ctx.i18n.createMessagesProvider() }
    )
    const from = DateTime.fromISO(p.from, { zone: DISPLAY_ZONE })
    const to = DateTime.fromISO(p.to, { zone: DISPLAY_ZONE })
    const back = () => ctx.response.redirect().toRoute('evidence.show', { id: ctx.params.id })
    if (!from.isValid || !to.isValid || to <= from || to.diff(from, 'hours').hours > 24) {
      ctx.session.flashAll()
      ctx.session.flash('error', ctx.i18n.t('evidence.bad_window'))
      return back()
    }
    try {
      await addClips({
        actor: actorFromContext(ctx),
        caseId: Number(ctx.params.id),
        cameraIds: p.camera_ids,
        startsAt: from.toJSDate(),
        endsAt: to.toJSDate(),
      })
      ctx.session.flash('success', ctx.i18n.t('evidence.clips_added', { n: p.camera_ids.length }))
    } catch (error) {
      if (!(error instanceof EvidenceStateError)) throw error
      ctx.session.flash('error', ctx.i18n.t(`evidence.state.${error.reason}`))
    }
    return back()
  }

  async close(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('export')
    try {
      await closeCase({ actor: actorFromContext(ctx), caseId: Number(ctx.params.id) })
      ctx.session.flash('success', ctx.i18n.t('evidence.closed'))
    } catch (error) {
      if (!(error instanceof EvidenceStateError)) throw error
      ctx.session.flash('error', ctx.i18n.t(`evidence.state.${error.reason}`))
    }
    return ctx.response.redirect().toRoute('evidence.show', { id: ctx.params.id })
  }

  /** Queues an export of all the case's clips; the case page shows its progress. */
  async export(ctx: HttpContext) {
    await ctx.bouncer.with('FootagePolicy').authorize('export')
    const { kase, clips } = await caseClipCount(Number(ctx.params.id))
    if (clips === 0) {
      ctx.session.flash('error', ctx.i18n.t('evidence.no_clips'))
      return ctx.response.redirect().toRoute('evidence.show', { id: kase.id })
    }
    const { viewing_copy: viewingCopy } = await ctx.request.validateUsing(exportValidator)
    const row = await requestExport({
      actor: actorFromContext(ctx),
      caseId: kase.id,
      viewingCopy: viewingCopy ?? false,
    })
    void enqueueExport(row.id)
    ctx.session.flash('success', ctx.i18n.t('evidence.export_queued'))
    return ctx.response.redirect().toRoute('evidence.show', { id: kase.id })
  }
}
