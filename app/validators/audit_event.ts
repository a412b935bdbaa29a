import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'

/** Filters of the audit log page (all optional). Dates come from date inputs. */
export const auditEventFilterValidator = vine.compile(
  vine.object({
    actor: vine.string().trim().maxLength(120).optional(),
    entityType: vine.string().trim().maxLength(60).optional(),
    action: vine.string().trim().maxLength(60).optional(),
    from: vine.date({ formats: ['YYYY-MM-DD', 'DD/MM/YYYY'] }).optional(),
    to: vine.date({ formats: ['YYYY-MM-DD', 'DD/MM/YYYY'] }).optional(),
    page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  })
)

export type AuditEventFilter = Infer<typeof auditEventFilterValidator>
