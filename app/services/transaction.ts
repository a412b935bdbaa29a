import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Runs a unit of work inside the caller's transaction when it has one (a batch close, an
 * import, a seed), else in its own: composed actions commit or roll back together.
 */
export function withTransaction<T>(
  outer: TransactionClientContract | undefined,
  work: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  return outer ? work(outer) : db.transaction(work)
}
