import type { HttpContext } from '@adonisjs/core/http'
import type MaintenanceTicket from '#models/maintenance_ticket'
import {
  openTicket,
  assignTicket,
  cancelTicket,
  closeTicket,
  resolveTicket,
  startTicket,
} from '#actions/tickets/ticket_workflow'
import {
  assignValidator,
  cancelValidator,
  resolveValidator,
  ticketValidator,
} from '#validators/ticket'
import { actorFromContext } from '#services/audit'

export const TICKET_STEPS = ['assign', 'start', 'resolve', 'close', 'cancel'] as const
export type TicketStep = (typeof TICKET_STEPS)[number]
/** The `:step` of `/tickets/:id/:step`: only these five. */
export const TICKET_STEP_MATCHER = new RegExp(`^(${TICKET_STEPS.join('|')})$`)

/**
 * One workflow step from a request, for the board and the API alike: the policy check,
 * the step's input, the action. A step the ticket's state refuses throws TicketStateError;
 * each controller answers that its own way (flash message or 409 JSON).
 */
export async function runTicketStep(
  ctx: HttpContext,
  step: TicketStep,
  ticketId: number
): Promise<MaintenanceTicket> {
  const policy = ctx.bouncer.with('TicketPolicy')
  await policy.authorize(step === 'close' ? 'close' : 'work')
  const actor = actorFromContext(ctx)
  switch (step) {
    case 'assign': {
      const { assignee_id: assigneeId } = await ctx.request.validateUsing(assignValidator)
      return assignTicket({ actor, ticketId, assigneeId })
    }
    case 'start':
      return startTicket({ actor, ticketId })
    case 'resolve': {
      const payload = await ctx.request.validateUsing(resolveValidator)
      return resolveTicket({
        actor,
        ticketId,
        resolution: payload.resolution,
        repairCost: payload.repair_cost || null,
        underWarranty: payload.under_warranty ?? false,
        category: payload.category,
        payee: payload.payee,
      })
    }
    case 'close':
      return closeTicket({ actor, ticketId })
    case 'cancel': {
      const { reason } = await ctx.request.validateUsing(cancelValidator)
      return cancelTicket({ actor, ticketId, reason })
    }
  }
}

/** A ticket opened by staff from a request (board form or API): policy, input, action. */
export async function openTicketFromRequest(ctx: HttpContext) {
  await ctx.bouncer.with('TicketPolicy').authorize('open')
  const payload = await ctx.request.validateUsing(ticketValidator)
  return openTicket({
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
}
