import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { buildExport } from '#actions/evidence/export_package'

/**
 * Evidence exports run one at a time in the web process, in the background (an hour of
 * footage from several cameras takes seconds to minutes; the page shows the progress).
 * No queue server: the rows are the queue. After a restart, what was queued or cut short
 * is built again from the start.
 */
let chain: Promise<void> = Promise.resolve()
let resumed = false

export function enqueueExport(exportId: number): Promise<void> {
  const job = chain.then(() =>
    buildExport(exportId).catch((error) => {
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
