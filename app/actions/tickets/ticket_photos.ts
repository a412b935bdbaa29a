import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#services/audit'
import { storeUpload } from '#services/uploads/stored_file'

/**
 * A photo of the damage or the repair on a ticket: a real JPG or PNG (by content), at most
 * 10 MB, kept under its SHA-256. Photos are kept after the ticket closes (the record of
 * what was done); the file is written first, then the row, then the audit entry.
 */
export async function addTicketPhoto(params: {
  actor: AuditActor
  ticketId: number
  tmpPath: string
  caption?: string | null
}) {
  const file = await storeUpload(params.tmpPath, ['image/jpeg', 'image/png'])
  return db.transaction(async (trx) => {
    await trx.from('maintenance_tickets').where('id', params.ticketId).forUpdate().firstOrFail()
    const [photo] = await trx
      .insertQuery()
      .table('ticket_photos')
      .insert({
        ticket_id: params.ticketId,
        sha256: file.sha256,
        content_type: file.contentType,
        size: file.size,
        caption: params.caption?.trim() || null,
        uploaded_by: params.actor.id,
      })
      .returning('*')
    await recordAudit(
      {
        actor: params.actor,
        action: 'ticket.photo',
        entityType: 'ticket',
        entityId: params.ticketId,
        after: { photoId: photo.id, sha256: file.sha256, type: file.contentType, size: file.size },
      },
      trx
    )
    return photo
  })
}
