import type { HttpContext } from '@adonisjs/core/http'
import AuditEvent from '#models/audit_event'
import { auditEventFilterValidator } from '#validators/audit_event'
import { startOfDisplayDay } from '#services/dates'

/** Admin and committee browse the append-only audit log with filters. */
export default class AuditEventsController {
  async index({ view, bouncer, request }: HttpContext) {
    await bouncer.with('AuditEventPolicy').authorize('viewList')
    const filter = await request.validateUsing(auditEventFilterValidator)

    const query = AuditEvent.query().orderBy('id', 'desc')
    if (filter.actor) query.whereILike('actor_label', `%${filter.actor}%`)
    if (filter.entityType) query.where('entity_type', filter.entityType)
    if (filter.action) query.whereILike('action', `${filter.action}%`)
    // Dates are calendar days in the commune's time zone.
    if (filter.from) query.where('created_at', '>=', startOfDisplayDay(filter.from))
    if (filter.to) query.where('created_at', '<', startOfDisplayDay(filter.to, 1))

    const events = await query.paginate(filter.page ?? 1, 50)
    events.baseUrl(request.url()).queryString(request.qs())
    const entityTypes = await AuditEvent.query()
      .distinct('entity_type')
      .orderBy('entity_type')
      .pojo<{ entity_type: string }>()
    const actions = await AuditEvent.query()
      .distinct('action')
      .orderBy('action')
      .pojo<{ action: string }>()
    return view.render('pages/audit/index', {
      events,
      filter: request.qs(),
      entityTypes: entityTypes.map((row) => row.entity_type),
      actions: actions.map((row) => row.action),
      // Households' details only for those who deal with households (not the committee).
      personal: await bouncer.with('CameraPolicy').allows('viewHouseholds'),
    })
  }
}
