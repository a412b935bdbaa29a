import db from '@adonisjs/lucid/services/db'
import { rawClient } from '#services/raw_client'

/** First key of every cluster job's advisory lock ("CJOB"); the second is the job's name hashed. */
const CLUSTER_JOB_LOCK = 0x434a4f42

/**
 * Runs `work` on one node at a time across the installation: the others skip this turn
 * rather than wait (their next tick finds the work done, or takes its turn). The lock is a
 * transaction-scoped PostgreSQL advisory lock, so a node that dies mid-job frees it.
 * Returns null when another node holds it.
 */
export async function onceInCluster<T>(name: string, work: () => Promise<T>): Promise<T | null> {
  return db.transaction(async (trx) => {
    const { rows } = await trx.rawQuery(
      'select pg_try_advisory_xact_lock(?::int, hashtext(?)) as got',
      [CLUSTER_JOB_LOCK, name]
    )
    if (!rows[0].got) return null
    return work()
  })
}

/**
 * A daily job done once for the whole installation: under the cluster lock, skipped when
 * `day` is already recorded as done (by any node), else run and recorded. `work` returns
 * null when it had nothing to do yet (not recorded as done).
 */
export async function oncePerDayInCluster<T>(
  name: string,
  day: string,
  node: string,
  work: () => Promise<T | null>
): Promise<T | null> {
  return onceInCluster(name, async () => {
    const done = await db
      .from('cluster_job_runs')
      .where('name', name)
      .where('last_day', day)
      .first()
    if (done) return null
    const result = await work()
    if (result !== null) {
      await db.rawQuery(
        `insert into cluster_job_runs (name, last_day, node, finished_at) values (?, ?, ?, now())
         on conflict (name) do update
           set last_day = excluded.last_day, node = excluded.node, finished_at = now()`,
        [name, day, node]
      )
    }
    return result
  })
}

/**
 * Runs `work` while holding a session-level advisory lock on a connection of its own (not
 * the caller's transaction, so `work` may use the database freely meanwhile). Returns
 * undefined without running it when another process holds the lock. A process that dies
 * drops its connection, and with it the lock.
 */
export async function withSessionLock<T>(
  key1: number,
  key2: number,
  work: () => Promise<T>
): Promise<{ value: T } | undefined> {
  const { client, release } = await rawClient()
  try {
    const { rows } = await client.query('select pg_try_advisory_lock($1::int, $2::int) as got', [
      key1,
      key2,
    ])
    if (!rows[0].got) return undefined
    try {
      return { value: await work() }
    } finally {
      await client.query('select pg_advisory_unlock($1::int, $2::int)', [key1, key2])
    }
  } finally {
    await release()
  }
}
