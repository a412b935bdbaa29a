import db from '@adonisjs/lucid/services/db'
import Camera from '#models/camera'
import { recordAudit, type AuditActor } from '#services/audit'

export class RecoveryRequestError extends Error {
  constructor(public reason: 'no_edge_storage' | 'bad_window' | 'too_long' | 'not_over') {
    super(reason)
  }
}

/** The longest window one request may ask a camera's card for. */
export const MAX_REQUEST_MS = 24 * 3600_000

/**
 * Queues a fetch of [from, to) from the camera's SD card, asked for from the timeline. The
 * recorder fetches only what is still missing then, so asking twice never duplicates
 * footage; asking again for a window already tried queues it again from the start.
 */
export async function requestRecovery(params: {
  actor: AuditActor
  cameraId: number
  from: Date
  to: Date
  now?: Date
}) {
  const now = params.now ?? new Date()
  const camera = await Camera.findOrFail(params.cameraId)
  if (camera.edgeStorage === 'none') throw new RecoveryRequestError('no_edge_storage')
  const length = params.to.getTime() - params.from.getTime()
  if (!(length > 0)) throw new RecoveryRequestError('bad_window')
  if (length > MAX_REQUEST_MS) throw new RecoveryRequestError('too_long')
  if (params.to.getTime() > now.getTime()) throw new RecoveryRequestError('not_over')
  return db.transaction(async (trx) => {
    const result = await trx.rawQuery(
      `INSERT INTO edge_recoveries (camera_id, window_from, window_to, trigger, requested_by)
       VALUES (?, ?, ?, 'requested', ?)
       ON CONFLICT (camera_id, window_from, window_to) DO UPDATE
         SET status = 'pending', attempts = 0, next_attempt_at = now(), trigger = 'requested',
             requested_by = EXCLUDED.requested_by, last_error = NULL
         WHERE edge_recoveries.status <> 'running'
       RETURNING id`,
      [camera.id, params.from, params.to, params.actor.id as number]
    )
    const id = result.rows[0]?.id ? Number(result.rows[0].id) : null
    await recordAudit(
      {
        actor: params.actor,
        action: 'footage.recover_request',
        entityType: 'camera',
        entityId: camera.id,
        after: { recoveryId: id, from: params.from.toISOString(), to: params.to.toISOString() },
      },
      trx
    )
    return id
  })
}
