import { errors as lucidErrors } from '@adonisjs/lucid'
import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#services/audit'

export const CASE_TYPES = ['traffic_accident', 'theft', 'fight', 'other'] as const
export type CaseType = (typeof CASE_TYPES)[number]

/** A step the case's state refuses; `reason` is an i18n key under evidence.state. */
export class EvidenceStateError extends Error {
  code = 'E_EVIDENCE_STATE'
  status = 409
  constructor(public reason: 'closed' | 'window_in_future' | 'duplicate_number') {
    super(reason)
  }
}

export interface CaseFields {
  caseNumber: string
  caseType: CaseType
  description: string
  requestingAgency: string
  requestingPerson: string
  requestedOn: string
}

/** Opens an evidence case (the police's own case number, unique). */
export async function createCase(params: { actor: AuditActor; fields: CaseFields }) {
  const f = params.fields
  try {
    return await db.transaction(async (trx) => {
      const [row] = await trx
        .insertQuery()
        .table('evidence_cases')
        .insert({
          case_number: f.caseNumber.trim(),
          case_type: f.caseType,
          description: f.description.trim(),
          requesting_agency: f.requestingAgency.trim(),
          requesting_person: f.requestingPerson.trim(),
          requested_on: f.requestedOn,
          status: 'open',
          created_by: params.actor.id,
          created_at: new Date(),
          updated_at: new Date(),
        })
        .returning('*')
      await recordAudit(
        {
          actor: params.actor,
          action: 'evidence.create',
          entityType: 'evidence_case',
          entityId: row.id,
          after: { caseNumber: row.case_number, caseType: row.case_type },
        },
        trx
      )
      return row
    })
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new EvidenceStateError('duplicate_number')
    }
    throw error
  }
}

/**
 * Adds one clip per camera for the same window (several cameras that saw the same
 * accident in one go) and holds every segment under them from retention while the case is
 * open. The window must be over: footage still being recorded cannot be held yet.
 */
export async function addClips(params: {
  actor: AuditActor
  caseId: number
  cameraIds: number[]
  startsAt: Date
  endsAt: Date
}) {
  if (params.endsAt.getTime() > Date.now()) throw new EvidenceStateError('window_in_future')
  return db.transaction(async (trx) => {
    const found = await trx.from('evidence_cases').where('id', params.caseId).forUpdate().first()
    if (!found) throw new lucidErrors.E_ROW_NOT_FOUND()
    if (found.status !== 'open') throw new EvidenceStateError('closed')
    const cameraIds = [...new Set(params.cameraIds)]
    const clips = await trx
      .insertQuery()
      .table('evidence_clips')
      .insert(
        cameraIds.map((cameraId) => ({
          case_id: params.caseId,
          camera_id: cameraId,
          starts_at: params.startsAt,
          ends_at: params.endsAt,
          created_by: params.actor.id,
        }))
      )
      .returning('*')
    const held = await trx.rawQuery(
      `INSERT INTO segment_holds (segment_id, reason, case_id)
       SELECT s.id, ?, ? FROM recording_segments s
        WHERE s.camera_id IN (${cameraIds.map(() => '?').join(',')})
          AND s.started_at < ? AND s.ended_at > ?
          AND NOT EXISTS (SELECT 1 FROM segment_holds h WHERE h.segment_id = s.id AND h.case_id = ?)`,
      [
        `Hồ sơ ${found.case_number}`,
        params.caseId,
        ...cameraIds,
        params.endsAt,
        params.startsAt,
        params.caseId,
      ]
    )
    await recordAudit(
      {
        actor: params.actor,
        action: 'evidence.clips',
        entityType: 'evidence_case',
        entityId: params.caseId,
        after: {
          clipIds: clips.map((c) => c.id),
          cameraIds,
          from: params.startsAt.toISOString(),
          to: params.endsAt.toISOString(),
          segmentsHeld: held.rowCount,
        },
      },
      trx
    )
    return clips
  })
}

/** Closes a case: its segments go back to normal retention (the exports stay). */
export async function closeCase(params: { actor: AuditActor; caseId: number }) {
  return db.transaction(async (trx) => {
    const found = await trx.from('evidence_cases').where('id', params.caseId).forUpdate().first()
    if (!found) throw new lucidErrors.E_ROW_NOT_FOUND()
    if (found.status !== 'open') throw new EvidenceStateError('closed')
    await trx.from('evidence_cases').where('id', params.caseId).update({
      status: 'closed',
      closed_at: new Date(),
      closed_by: params.actor.id,
      updated_at: new Date(),
    })
    const released = await trx.from('segment_holds').where('case_id', params.caseId).delete()
    await recordAudit(
      {
        actor: params.actor,
        action: 'evidence.close',
        entityType: 'evidence_case',
        entityId: params.caseId,
        after: { segmentsReleased: released },
      },
      trx
    )
  })
}
