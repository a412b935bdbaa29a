import type { HttpContext } from '@adonisjs/core/http'
import Camera from '#models/camera'
import User from '#models/user'
import MaintenanceTicket, {
  ACTIVE_TICKET_STATUSES,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
} from '#models/maintenance_ticket'
import { TicketStateError } from '#actions/tickets/ticket_workflow'
import {
  openTicketFromRequest,
  runTicketStep,
  type TicketStep,
} from '#actions/tickets/ticket_steps'
import { ticketFilterValidator } from '#validators/ticket'
import { maintenanceStats, statsRange } from '#services/tickets/maintenance_stats'
import { downtimeByMonth } from '#services/tickets/downtime'
import { ticketDetail } from '#services/tickets/ticket_detail'

/** The technicians' board: a column per status, each card with its next steps. */
export default class TicketsController {
  async board({ view, bouncer, request, auth }: HttpContext) {
    await bouncer.with('TicketPolicy').authorize('view')
    const filter = await ticketFilterValidator.validate(request.qs())
    const query = MaintenanceTicket.query()
      .preload('camera')
      .preload('assignee')
      .orderBy('opened_at', 'desc')
    // The board shows what needs work plus the last 50 resolved (waiting to be closed).
    query.where((q) => q.whereIn('status', [...ACTIVE_TICKET_STATUSES, 'resolved']))
    if (filter.category) query.where('category', filter.category)
    if (filter.camera_id) query.where('camera_id', filter.camera_id)
    if (filter.mine) query.where('assignee_id', auth.user!.id)
    const tickets = await query.limit(500)
    const columns = (['open', 'assigned', 'in_progress', 'resolved'] as const).map((status) => ({
      status,
      tickets: tickets.filter((t) => t.status === status),
    }))
    return view.render('pages/tickets/board', {
      columns,
      filter,
      cameras: await Camera.query().orderBy('code').select('id', 'code', 'name'),
      technicians: await activeTechnicians(),
      categories: TICKET_CATEGORIES,
      priorities: TICKET_PRIORITIES,
      stats: await maintenanceStats(statsRange()),
      downtime: await downtimeByMonth(6),
    })
  }

  /** One ticket: its steps, history, photos, the reports and expense linked to it. */
  async show({ view, bouncer, params }: HttpContext) {
    await bouncer.with('TicketPolicy').authorize('view')
    return view.render('pages/tickets/show', {
      ...(await ticketDetail(Number(params.id))),
      canSeePersonal: await bouncer.with('CameraPolicy').allows('viewHouseholds'),
      technicians: await activeTechnicians(),
      categories: TICKET_CATEGORIES,
    })
  }

  async store(ctx: HttpContext) {
    const ticket = await openTicketFromRequest(ctx)
    ctx.session.flash('success', ctx.i18n.t('tickets.opened', { id: ticket.id }))
    return ctx.response.redirect().toRoute('tickets.board')
  }

  /** POST …/tickets/:id/:step (assign, start, resolve, close, cancel). */
  async step(ctx: HttpContext) {
    const step = ctx.params.step as TicketStep
    await ctx.bouncer.with('TicketPolicy').authorize('view')
    const ticket = await MaintenanceTicket.findOrFail(ctx.params.id)
    try {
      await runTicketStep(ctx, step, ticket.id)
      ctx.session.flash('success', ctx.i18n.t('tickets.saved', { id: ticket.id }))
    } catch (error) {
      if (!(error instanceof TicketStateError)) throw error
      ctx.session.flash('error', ctx.i18n.t(`tickets.state.${error.reason}`))
    }
    return ctx.response.redirect().back()
  }
}

function activeTechnicians() {
  return User.query()
    .whereIn('role', ['technician', 'admin'])
    .whereNull('disabled_at')
    .orderBy('full_name')
}
