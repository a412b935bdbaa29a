import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** The same form or request was already sent (and recorded `entityId`). */
export class DuplicateSubmissionError extends Error {
  constructor(public entityId: number | null) {
    super('duplicate submission')
  }
}

/**
 * Records a one-time submission key inside the write's own transaction. A key seen before
 * throws DuplicateSubmissionError, so the write rolls back and nothing is recorded twice;
 * two sends at the same moment are serialised by the primary key. No key: nothing to check.
 */
export async function claimSubmission(
  trx: TransactionClientContract,
  params: { key?: string | null; userId: number | null; action: string; entityId: number }
) {
  if (!params.key) return
  const inserted = await trx.rawQuery(
    `INSERT INTO submission_keys (key, user_id, action, entity_id) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [params.key, params.userId as number, params.action, params.entityId]
  )
  if (inserted.rows.length) return
  const existing = await trx.from('submission_keys').where('key', params.key).first()
  throw new DuplicateSubmissionError(existing?.entity_id ? Number(existing.entity_id) : null)
}
