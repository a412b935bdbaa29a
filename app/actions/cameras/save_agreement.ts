import db from '@adonisjs/lucid/services/db'
import Camera from '#models/camera'
import CameraAgreement from '#models/camera_agreement'
import { recordAudit, type AuditActor } from '#services/audit'
import { storeUpload } from '#services/uploads/stored_file'
import type { CameraAgreementPayload } from '#validators/camera_agreement'

/**
 * Records (or changes) the agreement under which a camera the programme does not own is
 * connected: the party, since when, what may be recorded and kept how long, who pays
 * repairs, and the signed paper's scan (checked by content). The camera's own retention
 * follows the agreement: footage is never kept longer than the owner agreed to.
 */
export default async function saveAgreement(params: {
  actor: AuditActor
  cameraId: number
  fields: CameraAgreementPayload
  scanTmpPath?: string | null
}) {
  const scan = params.scanTmpPath ? await storeUpload(params.scanTmpPath) : null
  return db.transaction(async (trx) => {
    const camera = await Camera.query({ client: trx })
      .where('id', params.cameraId)
      .forUpdate()
      .firstOrFail()
    const existing = await CameraAgreement.query({ client: trx })
      .where('camera_id', camera.id)
      .first()
    const agreement = existing ?? new CameraAgreement()
    const before = existing ? auditView(existing) : null
    const f = params.fields
    agreement.merge({
      cameraId: camera.id,
      partyName: f.party_name,
      partyPhone: f.party_phone?.replace(/[^\d+]/g, '') || null,
      signedOn: f.signed_on,
      recordingScope: f.recording_scope,
      retentionDays: f.retention_days,
      repairsPaidBy: f.repairs_paid_by,
      note: f.note || null,
    })
    if (!existing) agreement.createdBy = params.actor.id!
    if (scan) agreement.merge({ scanSha256: scan.sha256, scanType: scan.contentType })
    await agreement.useTransaction(trx).save()
    if (camera.retentionDays > agreement.retentionDays) {
      camera.retentionDays = agreement.retentionDays
      await camera.useTransaction(trx).save()
    }
    await recordAudit(
      {
        actor: params.actor,
        action: existing ? 'camera.agreement_update' : 'camera.agreement_create',
        entityType: 'camera',
        entityId: camera.id,
        before,
        after: auditView(agreement),
      },
      trx
    )
    return agreement
  })
}

function auditView(a: CameraAgreement) {
  return {
    party_name: a.partyName,
    phone: a.partyPhone,
    signed_on: a.signedOn,
    recording_scope: a.recordingScope,
    retention_days: a.retentionDays,
    repairs_paid_by: a.repairsPaidBy,
    consent_scan: !!a.scanSha256,
  }
}
