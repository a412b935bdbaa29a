import { addClips, createCase, EvidenceStateError, type CaseFields } from '#actions/evidence/cases'
import { requestExport } from '#actions/evidence/export_package'
import type { AuditActor } from '#services/audit'

/**
 * From the playback page in one step: the window of one camera goes into a case (an open
 * one, or a new one opened with it) and the case's export is queued. The window is checked
 * before anything is written, so a refused request leaves no empty case behind.
 */
export async function exportFromPlayback(params: {
  actor: AuditActor
  cameraId: number
  startsAt: Date
  endsAt: Date
  caseId?: number | null
  newCase?: CaseFields | null
  /** Add H.264 viewing copies of H.265 clips (for players without H.265). */
  viewingCopy?: boolean
}) {
  if (params.endsAt.getTime() > Date.now()) throw new EvidenceStateError('window_in_future')
  const caseId =
    params.caseId ?? (await createCase({ actor: params.actor, fields: params.newCase! })).id
  await addClips({
    actor: params.actor,
    caseId,
    cameraIds: [params.cameraId],
    startsAt: params.startsAt,
    endsAt: params.endsAt,
  })
  const exportRow = await requestExport({
    actor: params.actor,
    caseId,
    viewingCopy: params.viewingCopy,
  })
  return { caseId, exportId: exportRow.id as number }
}
