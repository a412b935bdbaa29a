import { withTransaction } from '#services/transaction'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Location, { type LocationKind } from '#models/location'
import { recordAudit, type AuditActor } from '#services/audit'

/** Adds a node to the location tree (commune -> route/village -> point). */
export default async function createLocation(
  params: { actor: AuditActor; parentId: number | null; kind: LocationKind; name: string },
  outer?: TransactionClientContract
) {
  const work = async (trx: TransactionClientContract) => {
    const location = new Location()
    location.merge({ parentId: params.parentId, kind: params.kind, name: params.name.trim() })
    location.useTransaction(trx)
    await location.save()
    await recordAudit(
      {
        actor: params.actor,
        action: 'location.create',
        entityType: 'location',
        entityId: location.id,
        after: { parentId: location.parentId, kind: location.kind, name: location.name },
      },
      trx
    )
    return location
  }
  return withTransaction(outer, work)
}
