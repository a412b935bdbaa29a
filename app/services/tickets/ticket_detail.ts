import db from '@adonisjs/lucid/services/db'
import MaintenanceTicket from '#models/maintenance_ticket'
import AuditEvent from '#models/audit_event'
import User from '#models/user'

const STEPS = [
  ['opened', 'openedAt', 'openedBy'],
  ['assigned', 'assignedAt', 'assignedBy'],
  ['started', 'startedAt', 'startedBy'],
  ['resolved', 'resolvedAt', 'resolvedBy'],
  ['closed', 'closedAt', 'closedBy'],
  ['cancelled', 'cancelledAt', 'cancelledBy'],
] as const

/**
 * Everything the ticket page shows: the ticket, each step with who and when, its history
 * from the audit log, photos, the public reports behind it, the expense its cost became
 * and the schedule that opened it.
 */
export async function ticketDetail(id: number) {
  const ticket = await MaintenanceTicket.query()
    .where('id', id)
    .preload('camera', (q) => q.preload('location'))
    .preload('assignee')
    .firstOrFail()
  const userIds = STEPS.map(([, , by]) => ticket[by]).filter((v): v is number => v !== null)
  const users = new Map(
    (userIds.length ? await User.query().whereIn('id', userIds) : []).map((u) => [u.id, u])
  )
  const steps = STEPS.filter(([, at]) => ticket[at]).map(([name, at, by]) => ({
    name,
    at: ticket[at]!,
    by: ticket[by] ? (users.get(ticket[by]!)?.fullName ?? `#${ticket[by]}`) : null,
  }))
  if (ticket.recoveredAt) steps.push({ name: 'recovered' as any, at: ticket.recoveredAt, by: null })
  steps.sort((a, b) => a.at.toMillis() - b.at.toMillis())

  const history = await AuditEvent.query()
    .where('entity_type', 'ticket')
    .where('entity_id', String(id))
    .orderBy('id', 'asc')
  const photos = await db.from('ticket_photos').where('ticket_id', id).orderBy('id')
  const reports = await db
    .from('fault_reports')
    .where('ticket_id', id)
    .orderBy('id')
    .select('id', 'description', 'reporter_phone', 'created_at', 'status')
  const expense = ticket.expenseId
    ? await db
        .from('expenses')
        .where('id', ticket.expenseId)
        .select('id', 'status', 'amount')
        .first()
    : null
  const schedule = ticket.scheduleId
    ? await db.from('maintenance_schedules').where('id', ticket.scheduleId).first()
    : null
  return { ticket, steps, history, photos, reports, expense, schedule }
}
