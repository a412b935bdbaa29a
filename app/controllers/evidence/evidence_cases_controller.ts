import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Camera from '#models/camera'
import AuditEvent from '#models/audit_event'
import {
  addClips,
  CASE_TYPES,
  closeCase,
  createCase,
  EvidenceStateError,
} from '#actions/evidence/cases'
import { requestExport } from '#actions/evidence/export_package'
import { enqueueExport } from '#services/evidence/export_queue'
import { caseValidator, clipsValidator, exportValidator } from '#validators/evidence'
import { actorFromContext } from '#services/audit'
import { DISPLAY_ZONE } from '#services/dates'

/** Evidence cases: the case, its clips, its exports and its chain of custody. */
export default class EvidenceCasesController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('FootagePolicy').authorize('export')
    const cases = await db
      .from('evidence_cases as c')
      .orderBy('c.id', 'desc')
      .select('c.*')
      .select(
        db.raw('(select count(*) from evidence_clips k where k.case_id = c.id)::int as clips')
      )
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
    const kase = await db.from('evidence_cases').where('id', params.id).firstOrFail()
    const clips = await db
      .from('evidence_clips as k')
      .join('cameras as c', 'c.id', 'k.camera_id')
      .where('k.case_id', kase.id)
      .orderBy('k.id')
      .select('k.*', 'c.code', 'c.name')
    const exports = await db
      .from('evidence_exports as e')
      .leftJoin('users as u', 'u.id', 'e.created_by')
      .where('e.case_id', kase.id)
      .orderBy('e.id', 'desc')
      .select('e.*', 'u.full_name')
    const custody = await AuditEvent.query()
      .where('entity_type', 'evidence_case')
      .where('entity_id', String(kase.id))
      .orderBy('id', 'asc')
    const held = await db.from('segment_holds').where('case_id', kase.id).count('* as n')
    // Whether any clip holds H.265 footage: then the export can add H.264 viewing copies.
    const hevc = await db
      .from('evidence_clips as k')
      .join('recording_segments as s', (join) =>
        join
          .on('s.camera_id', 'k.camera_id')
          .andOn('s.started_at', '<', 'k.ends_at')
          .andOn('s.ended_at', '>', 'k.starts_at')
      )
      .where('k.case_id', kase.id)
      .where('s.video_codec', 'hevc')
      .select(db.raw('1'))
      .first()
    return view.render('pages/evidence/show', {
      hasHevc: Boolean(hevc),
      kase,
      clips,
      exports,
      custody,
      held: Number(held[0].n),
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
    const kase = await db.from('evidence_cases').where('id', ctx.params.id).firstOrFail()
    const clips = await db.from('evidence_clips').where('case_id', kase.id).count('* as n')
    if (Number(clips[0].n) === 0) {
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
