import type { HttpContext } from '@adonisjs/core/http'
import MaintenanceTicket from '#models/maintenance_ticket'
import { TicketStateError } from '#actions/tickets/ticket_workflow'
import {
  openTicketFromRequest,
  runTicketStep,
  type TicketStep,
} from '#actions/tickets/ticket_steps'
import { statsValidator, ticketFilterValidator } from '#validators/ticket'
import { ticketJson } from '#services/tickets/api_json'
import { maintenanceStats, statsRange } from '#services/tickets/maintenance_stats'
import { downtimeByMonth } from '#services/tickets/downtime'

/** /api/v1/tickets: list, open, show, and each step of the workflow. */
export default class TicketsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('view')
    const filters = await ticketFilterValidator.validate(ctx.request.qs())
    const query = MaintenanceTicket.query().preload('camera').orderBy('id', 'desc').limit(500)
    if (filters.status) query.where('status', filters.status)
    if (filters.category) query.where('category', filters.category)
    if (filters.camera_id) query.where('camera_id', filters.camera_id)
    if (filters.mine) query.where('assignee_id', ctx.auth.user!.id)
    return { data: (await query).map(ticketJson) }
  }

  async store(ctx: HttpContext) {
    const ticket = await openTicketFromRequest(ctx)
    return ctx.response.created({ data: ticketJson(await this.find(ticket.id)) })
  }

  /** MTTR/MTBF for a period (default: the last 30 days). */
  async stats(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('view')
    const input = await statsValidator.validate(ctx.request.qs())
    return {
      data: {
        ...(await maintenanceStats(statsRange(input.from, input.to))),
        downtime_by_month: await downtimeByMonth(6),
      },
    }
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('view')
    return { data: ticketJson(await this.find(ctx.params.id)) }
  }

  /** POST …/tickets/:id/:step (assign, start, resolve, close, cancel). */
  async step(ctx: HttpContext) {
    const step = ctx.params.step as TicketStep
    await ctx.bouncer.with('TicketPolicy').authorize('view')
    const ticket = await this.find(ctx.params.id)
    try {
      await runTicketStep(ctx, step, ticket.id)
      return { data: ticketJson(await this.find(ticket.id)) }
    } catch (error) {
      if (!(error instanceof TicketStateError)) throw error
      return ctx.response.conflict({
        errors: [
          {
            code: error.code,
            reason: error.reason,
            message: ctx.i18n.t(`tickets.state.${error.reason}`),
          },
        ],
      })
    }
  }

  protected find(id: number) {
    return MaintenanceTicket.query().where('id', id).preload('camera').firstOrFail()
  }
}
