import type MaintenanceTicket from '#models/maintenance_ticket'

const iso = (d: { toISO(): string | null } | null) => (d ? d.toISO() : null)

/** A ticket as the API returns it. */
export function ticketJson(t: MaintenanceTicket) {
  return {
    id: t.id,
    camera: t.camera ? { id: t.camera.id, code: t.camera.code, name: t.camera.name } : null,
    source: t.source,
    category: t.category,
    kind: t.kind,
    priority: t.priority,
    title: t.title,
    description: t.description,
    status: t.status,
    automatic: t.automatic,
    assignee_id: t.assigneeId,
    steps: {
      opened: { at: iso(t.openedAt), by: t.openedBy },
      assigned: { at: iso(t.assignedAt), by: t.assignedBy },
      started: { at: iso(t.startedAt), by: t.startedBy },
      resolved: { at: iso(t.resolvedAt), by: t.resolvedBy },
      closed: { at: iso(t.closedAt), by: t.closedBy },
      cancelled: { at: iso(t.cancelledAt), by: t.cancelledBy },
    },
    resolution: t.resolution,
    cancel_reason: t.cancelReason,
    repair_cost: t.repairCost,
    under_warranty: t.underWarranty,
    expense_id: t.expenseId,
    recovered_at: iso(t.recoveredAt),
    fault_report_id: t.faultReportId,
    schedule_id: t.scheduleId,
    due_on: t.dueOn,
  }
}
