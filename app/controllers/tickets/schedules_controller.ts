import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Camera from '#models/camera'
import Location from '#models/location'
import { isoDay, saveSchedule, type IntervalUnit } from '#actions/tickets/preventive_schedules'
import { scheduleValidator } from '#validators/ticket'
import { actorFromContext } from '#services/audit'

/** Preventive maintenance: a schedule per camera or location, every N days or months. */
export default class SchedulesController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('view')
    return this.render(ctx, null)
  }

  async edit(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('plan')
    const schedule = await db.from('maintenance_schedules').where('id', ctx.params.id).first()
    if (!schedule) return ctx.response.notFound()
    return this.render(ctx, schedule)
  }

  async store(ctx: HttpContext) {
    return this.save(ctx, undefined)
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('plan')
    await db.from('maintenance_schedules').where('id', ctx.params.id).firstOrFail()
    return this.save(ctx, Number(ctx.params.id))
  }

  protected async save(ctx: HttpContext, scheduleId: number | undefined) {
    await ctx.bouncer.with('TicketPolicy').authorize('plan')
    const p = await ctx.request.validateUsing(scheduleValidator)
    await saveSchedule({
      actor: actorFromContext(ctx),
      scheduleId,
      fields: {
        title: p.title,
        description: p.description,
        cameraId: p.target_camera_id ?? null,
        locationId: p.target_location_id ?? null,
        intervalCount: p.interval_count,
        intervalUnit: p.interval_unit as IntervalUnit,
        anchorOn: p.anchor_on,
        active: p.active ?? false,
      },
    })
    ctx.session.flash('success', ctx.i18n.t('schedules.saved'))
    return ctx.response.redirect().toRoute('schedules.index')
  }

  protected async render({ view }: HttpContext, editing: Record<string, any> | null) {
    const schedules = await db
      .from('maintenance_schedules as s')
      .leftJoin('cameras as c', 'c.id', 's.camera_id')
      .leftJoin('locations as l', 'l.id', 's.location_id')
      .orderBy([{ column: 's.active', order: 'desc' }, { column: 's.next_due_on' }])
      .select('s.*', 'c.code as camera_code', 'l.name as location_name')
    return view.render('pages/tickets/schedules', {
      schedules: schedules.map((s) => ({
        ...s,
        anchor_on: isoDay(s.anchor_on),
        next_due_on: isoDay(s.next_due_on),
      })),
      editing: editing ? { ...editing, anchor_on: isoDay(editing.anchor_on) } : null,
      cameras: await Camera.query().orderBy('code').select('id', 'code', 'name'),
      locations: await Location.query().orderBy('name'),
    })
  }
}
