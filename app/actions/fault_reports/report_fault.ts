import db from '@adonisjs/lucid/services/db'
import { recordAudit, systemActor } from '#services/audit'
import { storeUpload } from '#services/uploads/stored_file'

/**
 * A fault reported by anyone from a camera's QR label (no login). Kept as a fault report
 * for the maintenance staff; a photo must really be a JPG or PNG.
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
  return db.transaction(async (trx) => {
    const [row] = await trx
      .insertQuery()
      .table('fault_reports')
      .insert({
        camera_id: params.cameraId,
        description: params.description.trim(),
        reporter_phone: params.phone?.replace(/[^\d+]/g, '') || null,
        photo_sha256: photo?.sha256 ?? null,
        photo_type: photo?.contentType ?? null,
        ip: params.ip,
      })
      .returning('*')
    await recordAudit(
      {
        actor: { ...systemActor('khách (mã QR)'), ip: params.ip },
        action: 'fault_report.create',
        entityType: 'camera',
        entityId: params.cameraId,
        after: { faultReportId: row.id, photo: !!photo },
      },
      trx
    )
    return row
  })
}
