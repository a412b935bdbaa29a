import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#services/audit'
import { storeUpload } from '#services/uploads/stored_file'

/** The current site plan (the newest upload), or null. */
export async function currentSitePlan() {
  return db.from('site_plans').orderBy('id', 'desc').first()
}

/**
 * Replaces the commune's diagram of camera positions (JPG or PNG, at most 10 MB). Pins are
 * kept as fractions of the image, so a redrawn plan of the same layout keeps them.
 */
export async function uploadSitePlan(params: { actor: AuditActor; tmpPath: string }) {
  const stored = await storeUpload(params.tmpPath, ['image/jpeg', 'image/png'])
  return db.transaction(async (trx) => {
    const [row] = await trx
      .insertQuery()
      .table('site_plans')
      .insert({
        sha256: stored.sha256,
        content_type: stored.contentType,
        uploaded_by: params.actor.id,
      })
      .returning('*')
    await recordAudit(
      {
        actor: params.actor,
        action: 'site_plan.upload',
        entityType: 'site_plan',
        entityId: row.id,
        after: { sha256: stored.sha256, type: stored.contentType, size: stored.size },
      },
      trx
    )
    return row
  })
}
