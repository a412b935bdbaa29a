import type { HttpContext } from '@adonisjs/core/http'
import MaintenanceTicket from '#models/maintenance_ticket'
import {
  assignTicket,
  cancelTicket,
  closeTicket,
  openTicket,
  resolveTicket,
  startTicket,
  TicketStateError,
} from '#actions/tickets/ticket_workflow'
import {
  assignValidator,
  cancelValidator,
  resolveValidator,
  statsValidator,
  ticketFilterValidator,
  ticketValidator,
} from '#validators/ticket'
import { actorFromContext } from '#services/audit'
import { ticketJson } from '#services/tickets/api_json'
import { maintenanceStats, statsRange } from '#services/tickets/maintenance_stats'

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
    await ctx.bouncer.with('TicketPolicy').authorize('open')
    const payload = await ctx.request.validateUsing(ticketValidator)
    const ticket = await openTicket({
      actor: actorFromContext(ctx),
      fields: {
        cameraId: payload.camera_id,
        source: 'staff',
        category: payload.category,
        priority: payload.priority,
        title: payload.title,
        description: payload.description,
      },
    })
    return ctx.response.created({ data: ticketJson(await this.find(ticket.id)) })
  }

  /** MTTR/MTBF for a period (default: the last 30 days). */
  async stats(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('view')
    const input = await statsValidator.validate(ctx.request.qs())
    return { data: await maintenanceStats(statsRange(input.from, input.to)) }
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('view')
    return { data: ticketJson(await this.find(ctx.params.id)) }
  }

  async assign(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('work')
    const { assignee_id: assigneeId } = await ctx.request.validateUsing(assignValidator)
    return this.step(ctx, (ticketId) =>
      assignTicket({ actor: actorFromContext(ctx), ticketId, assigneeId })
    )
  }

  async start(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('work')
    return this.step(ctx, (ticketId) => startTicket({ actor: actorFromContext(ctx), ticketId }))
  }

  async resolve(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('work')
    const payload = await ctx.request.validateUsing(resolveValidator)
    return this.step(ctx, (ticketId) =>
      resolveTicket({
        actor: actorFromContext(ctx),
        ticketId,
        resolution: payload.resolution,
        repairCost: payload.repair_cost || null,
        underWarranty: payload.under_warranty ?? false,
        payee: payload.payee,
      })
    )
  }

  async close(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('close')
    return this.step(ctx, (ticketId) => closeTicket({ actor: actorFromContext(ctx), ticketId }))
  }

  async cancel(ctx: HttpContext) {
    await ctx.bouncer.with('TicketPolicy').authorize('work')
    const { reason } = await ctx.request.validateUsing(cancelValidator)
    return this.step(ctx, (ticketId) =>
      cancelTicket({ actor: actorFromContext(ctx), ticketId, reason })
    )
  }

  protected async step(ctx: HttpContext, work: (ticketId: number) => Promise<MaintenanceTicket>) {
    const ticket = await this.find(ctx.params.id)
    try {
      await work(ticket.id)
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
