import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import MaintenanceTicket, {
  type TicketCategory,
  type TicketPriority,
  type TicketSource,
  type TicketStatus,
} from '#models/maintenance_ticket'
import User from '#models/user'
import Camera from '#models/camera'
import BudgetLine from '#models/budget_line'
import { createExpense } from '#actions/expenses/save_expense'
import { todayIso } from '#services/dates'
import { recordAudit, type AuditActor } from '#services/audit'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** A step the ticket's state or the person's role does not allow; `reason` is an i18n key under tickets.state. */
export class TicketStateError extends Error {
  code = 'E_TICKET_STATE'
  status = 409
  constructor(public reason: string) {
    super(reason)
  }
}

export interface OpenTicketFields {
  cameraId: number
  source: TicketSource
  category: TicketCategory
  priority?: TicketPriority
  title: string
  description?: string | null
  kind?: 'corrective' | 'preventive'
  automatic?: boolean
  faultReportId?: number | null
  scheduleId?: number | null
  dueOn?: string | null
}

/** A new ticket, open, with who opened it and when. */
export async function openTicket(
  params: { actor: AuditActor; fields: OpenTicketFields },
  outer?: TransactionClientContract
) {
  const work = async (trx: TransactionClientContract) => {
    const f = params.fields
    const ticket = new MaintenanceTicket().useTransaction(trx)
    ticket.merge({
      cameraId: f.cameraId,
      source: f.source,
      category: f.category,
      priority: f.priority ?? 'normal',
      title: f.title.trim(),
      description: f.description?.trim() || null,
      kind: f.kind ?? 'corrective',
      automatic: f.automatic ?? false,
      touchedByPerson: false,
      faultReportId: f.faultReportId ?? null,
      scheduleId: f.scheduleId ?? null,
      dueOn: f.dueOn ?? null,
      status: 'open',
      openedBy: params.actor.id,
      openedAt: DateTime.now(),
      underWarranty: false,
    })
    await ticket.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'ticket.open',
        entityType: 'ticket',
        entityId: ticket.id,
        after: { ...ticket.snapshot(), cameraId: ticket.cameraId, source: ticket.source },
      },
      trx
    )
    return ticket
  }
  return outer ? work(outer) : db.transaction(work)
}

async function step(
  params: { actor: AuditActor; ticketId: number },
  action: string,
  allowed: TicketStatus[],
  change: (ticket: MaintenanceTicket, trx: TransactionClientContract) => Promise<void> | void
) {
  return db.transaction(async (trx) => {
    const ticket = await MaintenanceTicket.query({ client: trx })
      .where('id', params.ticketId)
      .forUpdate()
      .firstOrFail()
    if (!allowed.includes(ticket.status)) throw new TicketStateError(`cannot_${action}`)
    const before = ticket.snapshot()
    await change(ticket, trx)
    // A person acting on an automatic ticket takes it over: it no longer resolves itself.
    if (params.actor.id !== null) ticket.touchedByPerson = true
    await ticket.save()
    await recordAudit(
      {
        actor: params.actor,
        action: `ticket.${action}`,
        entityType: 'ticket',
        entityId: ticket.id,
        before,
        after: ticket.snapshot(),
      },
      trx
    )
    return ticket
  })
}

/** open|assigned -> assigned to a technician (again, to hand it to someone else). */
export function assignTicket(params: { actor: AuditActor; ticketId: number; assigneeId: number }) {
  return step(params, 'assign', ['open', 'assigned'], async (ticket, trx) => {
    const assignee = await User.query({ client: trx }).where('id', params.assigneeId).first()
    if (!assignee || assignee.isDisabled || !['technician', 'admin'].includes(assignee.role)) {
      throw new TicketStateError('assignee_not_technician')
    }
    ticket.merge({
      status: 'assigned',
      assigneeId: assignee.id,
      assignedAt: DateTime.now(),
      assignedBy: params.actor.id,
    })
  })
}

/** assigned -> in progress, by the technician it is assigned to. */
export function startTicket(params: { actor: AuditActor; ticketId: number }) {
  return step(params, 'start', ['assigned'], (ticket) => {
    if (ticket.assigneeId !== params.actor.id) throw new TicketStateError('not_assignee')
    ticket.merge({ status: 'in_progress', startedAt: DateTime.now(), startedBy: params.actor.id })
  })
}

/**
 * -> resolved, with what was done and its cost (none for a repair under warranty), by the
 * assignee; the system resolves an automatic ticket that nobody has touched (`open`).
 */
export function resolveTicket(params: {
  actor: AuditActor
  ticketId: number
  resolution: string
  repairCost?: number | null
  underWarranty?: boolean
  /** The cause as found on site, if it differs from the one the ticket was opened with. */
  category?: TicketCategory
  /** Who is paid for the repair (the draft expense's payee); the assignee by default. */
  payee?: string | null
}) {
  const bySystem = params.actor.id === null
  return step(
    params,
    'resolve',
    bySystem ? ['open', 'assigned', 'in_progress'] : ['assigned', 'in_progress'],
    async (ticket, trx) => {
      if (!bySystem && ticket.assigneeId !== params.actor.id) {
        throw new TicketStateError('not_assignee')
      }
      if (params.underWarranty && params.repairCost) {
        throw new TicketStateError('warranty_with_cost')
      }
      ticket.merge({
        status: 'resolved',
        resolvedAt: DateTime.now(),
        resolvedBy: params.actor.id,
        resolution: params.resolution.trim(),
        repairCost: params.repairCost ?? null,
        underWarranty: params.underWarranty ?? false,
        category: params.category ?? ticket.category,
      })
      if (params.repairCost && params.actor.id !== null) {
        ticket.expenseId = await draftRepairExpense(ticket, params, trx)
      }
    }
  )
}

/**
 * The recorder saw the camera of an automatic ticket recording again for long enough:
 * the ticket records when, and resolves itself unless a person has taken it over.
 */
export function noteRecovery(params: { ticketId: number; at: DateTime; resolution: string }) {
  const actor = { id: null, label: 'recorder', ip: null }
  return step(
    { actor, ticketId: params.ticketId },
    'recover',
    ['open', 'assigned', 'in_progress'],
    (ticket) => {
      if (!ticket.automatic) throw new TicketStateError('not_automatic')
      ticket.recoveredAt = params.at
      if (ticket.touchedByPerson) return
      ticket.merge({
        status: 'resolved',
        resolvedAt: params.at,
        resolvedBy: null,
        resolution: params.resolution,
      })
    }
  )
}

/**
 * The repair's cost as a draft expense on the fund's maintenance line (the committee then
 * approves it as any other), pointing back at the ticket.
 */
async function draftRepairExpense(
  ticket: MaintenanceTicket,
  params: {
    actor: AuditActor
    repairCost?: number | null
    resolution: string
    payee?: string | null
  },
  trx: TransactionClientContract
) {
  const line = await BudgetLine.query({ client: trx })
    .where('is_maintenance', true)
    .orderBy('id', 'desc')
    .first()
  if (!line) throw new TicketStateError('no_maintenance_line')
  const camera = await Camera.query({ client: trx }).where('id', ticket.cameraId).firstOrFail()
  const assignee = ticket.assigneeId
    ? await User.query({ client: trx }).where('id', ticket.assigneeId).first()
    : null
  const expense = await createExpense(
    {
      actor: params.actor,
      fields: {
        budgetLineId: line.id,
        payee: params.payee?.trim() || assignee?.fullName || params.actor.label,
        description: `Sửa chữa ${camera.code}: ${params.resolution.trim()}`.slice(0, 500),
        amount: params.repairCost!,
        spentOn: todayIso(),
        note: `Phiếu bảo trì #${ticket.id}`,
      },
    },
    trx
  )
  expense.ticketId = ticket.id
  await expense.useTransaction(trx).save()
  return expense.id
}

/** resolved -> closed: someone other than the resolver checks the repair holds. */
export function closeTicket(params: { actor: AuditActor; ticketId: number }) {
  return step(params, 'close', ['resolved'], (ticket) => {
    if (ticket.resolvedBy !== null && ticket.resolvedBy === params.actor.id) {
      throw new TicketStateError('own_resolution')
    }
    ticket.merge({ status: 'closed', closedAt: DateTime.now(), closedBy: params.actor.id })
  })
}

/** open|assigned|in progress -> cancelled, with the reason (a duplicate, a false alarm). */
export function cancelTicket(params: { actor: AuditActor; ticketId: number; reason: string }) {
  return step(params, 'cancel', ['open', 'assigned', 'in_progress'], async (ticket, trx) => {
    // A public report behind a cancelled ticket was a false alarm: it is dismissed with it.
    await trx
      .from('fault_reports')
      .where('ticket_id', ticket.id)
      .where('status', 'ticketed')
      .update({ status: 'dismissed' })
    ticket.merge({
      status: 'cancelled',
      cancelledAt: DateTime.now(),
      cancelledBy: params.actor.id,
      cancelReason: params.reason.trim(),
    })
  })
}
