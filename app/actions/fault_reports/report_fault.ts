import db from '@adonisjs/lucid/services/db'
import MaintenanceTicket, { ACTIVE_TICKET_STATUSES } from '#models/maintenance_ticket'
import { openTicket } from '#actions/tickets/ticket_workflow'
import { recordAudit, systemActor } from '#services/audit'
import { storeUpload } from '#services/uploads/stored_file'

/**
 * A fault reported by anyone from a camera's QR label (no login); a photo must really be a
 * JPG or PNG. The report becomes a maintenance ticket in the same transaction, or joins
 * the camera's open corrective ticket when there is one (ten neighbours reporting the same
 * dark camera make one job, not ten). Its photo goes on the ticket.
 */
export default async function reportFault(params: {
  cameraId: number
  description: string
  phone?: string | null
  photoTmpPath?: string | null
  ip: string | null
}) {
  const photo = params.photoTmpPath
    ? await storeUpload(params.photoTmpPath, ['image/jpeg', 'image/png'])
    : null
  const actor = { ...systemActor('khách (mã QR)'), ip: params.ip }
  return db.transaction(async (trx) => {
    const description = params.description.trim()
    const phone = params.phone?.replace(/[^\d+]/g, '') || null
    const [row] = await trx
      .insertQuery()
      .table('fault_reports')
      .insert({
        camera_id: params.cameraId,
        description,
        reporter_phone: phone,
        photo_sha256: photo?.sha256 ?? null,
        photo_type: photo?.contentType ?? null,
        ip: params.ip,
        status: 'ticketed',
      })
      .returning('*')

    let ticket = await MaintenanceTicket.query({ client: trx })
      .where('camera_id', params.cameraId)
      .where('kind', 'corrective')
      .whereIn('status', ACTIVE_TICKET_STATUSES)
      .orderBy('opened_at', 'asc')
      .forUpdate()
      .first()
    const joined = !!ticket
    if (!ticket) {
      const summary = description.length > 80 ? `${description.slice(0, 79)}…` : description
      ticket = await openTicket(
        {
          actor,
          fields: {
            cameraId: params.cameraId,
            source: 'public_report',
            category: 'other',
            title: `Người dân báo: ${summary}`,
            description: phone ? `${description}\n\nSĐT người báo: ${phone}` : description,
            faultReportId: row.id,
          },
        },
        trx
      )
    }
    await trx.from('fault_reports').where('id', row.id).update({ ticket_id: ticket.id })
    if (photo) {
      await trx.insertQuery().table('ticket_photos').insert({
        ticket_id: ticket.id,
        sha256: photo.sha256,
        content_type: photo.contentType,
        size: photo.size,
        caption: 'Ảnh người dân gửi / photo from the public report',
        uploaded_by: null,
      })
    }
    await recordAudit(
      {
        actor,
        action: 'fault_report.create',
        entityType: 'camera',
        entityId: params.cameraId,
        after: { faultReportId: row.id, ticketId: ticket.id, joined, photo: !!photo },
      },
      trx
    )
    return { ...row, ticket_id: ticket.id, joined }
  })
}
