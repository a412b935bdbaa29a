import { recentRecoveries } from '#services/footage/edge_summary'
import { EDGE_PRESETS, EDGE_STORAGE_KINDS } from '#services/cameras/edge_replay'
import type { HttpContext } from '@adonisjs/core/http'
import { BRAND_PRESETS } from '#services/cameras/brand_presets'
import { describeFfmpeg } from '#recorder/ffmpeg_binaries'
import db from '@adonisjs/lucid/services/db'
import Camera from '#models/camera'
import Household from '#models/household'
import AuditEvent from '#models/audit_event'
import { createCamera, updateCamera, CameraConsentError } from '#actions/cameras/save_camera'
import { cameraFilterValidator, cameraValidator, toCameraFields } from '#validators/camera'
import { camerasWithStatus, locationTree } from '#services/cameras/camera_queries'
import { liveStatus } from '#services/cameras/live_status'
import { cameraHealth } from '#services/cameras/camera_health'
import { actorFromContext } from '#services/audit'

/** The camera register pages. Credentials are write-only: never rendered back. */
export default class CamerasController {
  async index({ view, bouncer, request }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('view')
    const filter = await request.validateUsing(cameraFilterValidator)
    const rows = await camerasWithStatus({
      status: filter.status,
      locationId: filter.location_id,
      q: filter.q,
    })
    return view.render('pages/cameras/index', {
      rows,
      tree: await locationTree(),
      filter: request.qs(),
    })
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('write')
    return view.render('pages/cameras/form', await this.formData(null))
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('CameraPolicy').authorize('write')
    const payload = await ctx.request.validateUsing(cameraValidator)
    try {
      const camera = await createCamera({
        actor: actorFromContext(ctx),
        fields: toCameraFields(payload),
      })
      ctx.session.flash('success', ctx.i18n.t('cameras.saved', { code: camera.code }))
      return ctx.response.redirect().toRoute('cameras.show', { id: camera.id })
    } catch (error) {
      return this.consentRefused(ctx, error)
    }
  }

  /** Every camera's live status, for pages that keep it current (list, site plan). */
  async live({ bouncer, i18n, response }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('view')
    const rows = await camerasWithStatus({})
    response.header('Cache-Control', 'no-store')
    return {
      at: new Date().toISOString(),
      cameras: rows.map(({ camera, live }) => ({
        id: camera.id,
        code: camera.code,
        live,
        label: i18n.t(`cameras.live_statuses.${live}`),
        last_recorded_at: camera.lastRecordedAt?.toISO() ?? null,
      })),
    }
  }

  async show({ view, bouncer, params }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('view')
    const camera = await Camera.query()
      .where('id', params.id)
      .preload('location')
      .preload('household')
      .preload('fund')
      .preload('agreement')
      .firstOrFail()
    const history = await AuditEvent.query()
      .where('entity_type', 'camera')
      .where('entity_id', String(camera.id))
      .orderBy('id', 'desc')
      .limit(100)
    const faults = await db
      .from('fault_reports')
      .where('camera_id', camera.id)
      .orderBy('id', 'desc')
      .limit(50)
    const health = await cameraHealth(camera.id)
    const tickets = await db
      .from('maintenance_tickets')
      .where('camera_id', camera.id)
      .orderBy('id', 'desc')
      .limit(50)
      .select('id', 'title', 'status', 'opened_at')
    return view.render('pages/cameras/show', {
      camera,
      canSeePersonal: await bouncer.with('CameraPolicy').allows('viewHouseholds'),
      live: liveStatus(camera),
      history,
      faults,
      tickets,
      health,
      ffmpeg: await describeFfmpeg(),
      recoveries: await recentRecoveries(camera.id),
    })
  }

  async edit({ view, bouncer, params }: HttpContext) {
    await bouncer.with('CameraPolicy').authorize('write')
    return view.render(
      'pages/cameras/form',
      await this.formData(await Camera.findOrFail(params.id))
    )
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('CameraPolicy').authorize('write')
    const camera = await Camera.findOrFail(ctx.params.id)
    const payload = await ctx.request.validateUsing(cameraValidator)
    try {
      const updated = await updateCamera({
        actor: actorFromContext(ctx),
        cameraId: camera.id,
        fields: toCameraFields(payload),
      })
      ctx.session.flash('success', ctx.i18n.t('cameras.saved', { code: camera.code }))
      if (camera.hasCredentials && !updated.hasCredentials && !payload.clear_credentials) {
        // The address changed without a new password: the old one was not kept.
        ctx.session.flash('error', ctx.i18n.t('cameras.credentials_dropped'))
        return ctx.response.redirect().toRoute('cameras.edit', { id: camera.id })
      }
      return ctx.response.redirect().toRoute('cameras.show', { id: camera.id })
    } catch (error) {
      return this.consentRefused(ctx, error)
    }
  }

  protected async formData(camera: Camera | null) {
    return {
      camera,
      tree: await locationTree(),
      households: await Household.query().orderBy('head_name'),
      recorderNodes: (await db.from('recorder_nodes').orderBy('id').select('id')).map((n) => n.id),
      edgeKinds: EDGE_STORAGE_KINDS,
      edgePresets: EDGE_PRESETS,
      brandPresets: BRAND_PRESETS,
    }
  }

  protected consentRefused(ctx: HttpContext, error: unknown) {
    if (!(error instanceof CameraConsentError)) throw error
    ctx.session.flashExcept(['password', 'username', '_csrf', '_method'])
    ctx.session.flash('errors', { status: [ctx.i18n.t(error.messageKey)] })
    ctx.session.flash('inputErrorsBag', { status: [ctx.i18n.t(error.messageKey)] })
    return ctx.response.redirect().back()
  }
}
