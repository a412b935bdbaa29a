import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** Who did it: a person (id + label) from a request, or the system (CLI, recorder). */
export interface AuditActor {
  id: number | null
  label: string
  ip: string | null
}

export interface AuditEntry {
  actor: AuditActor
  action: string
  entityType: string
  entityId?: string | number | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

/**
 * The actor of an HTTP request: the signed-in user (or `asUser`, for the request that is
 * signing them in), else an anonymous visitor.
 */
export function actorFromContext(
  ctx: HttpContext,
  asUser?: { id: number; fullName: string; email: string }
): AuditActor {
  const user = asUser ?? ctx.auth?.user
  return {
    id: user?.id ?? null,
    label: user ? `${user.fullName} <${user.email}>` : 'khách',
    ip: ctx.request.ip(),
  }
}

/** The actor for work started from the command line or a background process. */
export function systemActor(label: string): AuditActor {
  return { id: null, label, ip: null }
}

/**
 * Appends one audit event. Pass the unit of work's transaction so the event commits or
 * rolls back together with the change it describes.
 */
export async function recordAudit(entry: AuditEntry, trx?: TransactionClientContract) {
  const client = trx ?? db
  await client
    .insertQuery()
    .table('audit_events')
    .insert({
      actor_id: entry.actor.id,
      actor_label: entry.actor.label,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id:
        entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: entry.before ? JSON.stringify(entry.before) : null,
      after: entry.after ? JSON.stringify(entry.after) : null,
      ip: entry.actor.ip,
    })
}
