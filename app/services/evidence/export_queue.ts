import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { buildExport } from '#actions/evidence/export_package'
import { withSessionLock } from '#services/jobs/cluster_jobs'

/**
 * Evidence exports run one at a time in the web process, in the background (an hour of
 * footage from several cameras takes seconds to minutes; the page shows the progress).
 * No queue server: the rows are the queue, each build claimed by one process. After a
 * restart, what was queued or cut short is built again from the start.
 */
let chain: Promise<void> = Promise.resolve()
let resumed = false

/** First key of an export's advisory lock ("EXPO"); the second is the export's id. */
const EXPORT_LOCK = 0x4558504f

/**
 * Builds an export if no other web process is building it: the claim is an advisory lock
 * held on a connection of its own for the build, so a process that dies frees it and the
 * next start picks the export up again. (A `FOR UPDATE SKIP LOCKED` row lock would block
 * the build's own progress updates of that row.) Returns false when another process holds
 * it, or it is no longer waiting.
 */
export async function claimAndBuild(exportId: number): Promise<boolean> {
  const claimed = await withSessionLock(EXPORT_LOCK, exportId, async () => {
    const row = await db.from('evidence_exports').where('id', exportId).select('status').first()
    if (!row || !['queued', 'running'].includes(row.status)) return false
    await buildExport(exportId)
    return true
  })
  return claimed?.value ?? false
}

export function enqueueExport(exportId: number): Promise<void> {
  const job = chain.then(() =>
    claimAndBuild(exportId)
      .then(() => {})
      .catch((error) => {
        logger.error({ err: error, exportId }, 'evidence export failed')
      })
  )
  chain = job
  return job
}

/** Picks up exports left queued or running by a previous process (once per process). */
export async function resumeExports() {
  if (resumed) return
  resumed = true
  const pending = await db
    .from('evidence_exports')
    .whereIn('status', ['queued', 'running'])
    .orderBy('id')
    .select('id')
  for (const { id } of pending) void enqueueExport(id)
}
