import env from '#start/env'
import { onceInCluster, oncePerDayInCluster } from '#services/jobs/cluster_jobs'
import { todayIso } from '#services/dates'

/**
 * Every periodic job of the installation, which process runs it, how often, and whether
 * each recorder node runs its own or one node runs it for all (`cluster`). The recorder
 * schedules the `recorder` jobs from this list (commands/recorder_run.ts); the web process's
 * one job is started in start/footage.ts. docs/architecture.md repeats this table.
 */
export interface JobContext {
  node: string
  root: string
  log: (message: string, detail?: Record<string, unknown>) => void
}

export interface PeriodicJob {
  name: string
  process: 'recorder' | 'web'
  /** null: once when the process starts. */
  everyMs: number | null
  /** Also once right at start. */
  atStart: boolean
  /** 'node': each node for what it holds or stores; 'cluster': one node at a time for all. */
  scope: 'node' | 'cluster'
  run: (ctx: JobContext) => Promise<void>
}

const MINUTE = 60_000

export const PERIODIC_JOBS: PeriodicJob[] = [
  {
    // Days, quotas, then the low-disk guard, on this node's own footage and disk; uploads a
    // killed web process left behind (over an hour old) first.
    name: 'retention',
    process: 'recorder',
    everyMs: 5 * MINUTE,
    atStart: true,
    scope: 'node',
    async run({ node, root, log }) {
      const { applyRetention } = await import('#recorder/retention')
      const { uploadTmpDir, sweepUploadTmp } = await import('#services/uploads/upload_tmp')
      await sweepUploadTmp()
      const result = await applyRetention({
        store: (await import('@adonisjs/lucid/services/db')).default,
        root,
        node,
        minFreeBytes: Number(env.get('RECORDER_MIN_FREE_GB') ?? 0) * 1024 ** 3,
        transientDirs: [uploadTmpDir()],
      })
      if (result.byAge + result.byQuota + result.byLowDisk > 0) log('retention', { ...result })
    },
  },
  {
    // Camera clocks over ONVIF: measured and shown, never trusted; each node its cameras.
    name: 'camera-clocks',
    process: 'recorder',
    everyMs: 30 * MINUTE,
    atStart: false,
    scope: 'node',
    async run({ node }) {
      const { checkCameraClocks } = await import('#services/cameras/clock_check')
      await checkCameraClocks(node)
    },
  },
  {
    // Tickets from recording health: one per outage, whichever node notices.
    name: 'automatic-tickets',
    process: 'recorder',
    everyMs: MINUTE,
    atStart: false,
    scope: 'cluster',
    async run() {
      const { syncAutomaticTickets } = await import('#actions/tickets/automatic_tickets')
      await onceInCluster('automatic-tickets', () => syncAutomaticTickets())
    },
  },
  {
    // The preventive round: due schedules are checked every minute, so a round opens just
    // after midnight, or a minute after a recorder is back from a power cut.
    name: 'preventive-round',
    process: 'recorder',
    everyMs: MINUTE,
    atStart: false,
    scope: 'cluster',
    async run({ log }) {
      const { openDuePreventiveTickets } = await import('#actions/tickets/preventive_schedules')
      const round = await onceInCluster('preventive-round', () => openDuePreventiveTickets())
      if (round?.opened) log('preventive tickets', { ...round })
    },
  },
  {
    // The daily backup (BACKUP_AT, default 02:30; BACKUP_KEEP copies in BACKUP_DIR; 0 turns
    // it off), written by one node for the installation: checked every minute, so a day
    // missed in a power cut is written on return.
    name: 'daily-backup',
    process: 'recorder',
    everyMs: MINUTE,
    atStart: false,
    scope: 'cluster',
    async run({ node, log }) {
      const { runScheduledBackup, scheduleFromEnv } =
        await import('#services/backup/scheduled_backup')
      const schedule = scheduleFromEnv()
      if (schedule.keep <= 0) return
      const written = await oncePerDayInCluster('daily-backup', todayIso(), node, () =>
        runScheduledBackup(schedule)
      )
      if (written) log('backup written', { path: written.path, bytes: written.bytes })
    },
  },
  {
    // Evidence exports left queued or cut short by a previous web process: each claimed by
    // one web process (advisory lock per export) and built again.
    name: 'resume-exports',
    process: 'web',
    everyMs: null,
    atStart: true,
    scope: 'cluster',
    async run() {
      const { resumeExports } = await import('#services/evidence/export_queue')
      await resumeExports()
    },
  },
]

/**
 * Starts this process's jobs; a job never overlaps itself (a slow pass skips the next
 * tick) and a failure is logged, never thrown. Returns the function that stops them.
 */
export function startJobs(process: PeriodicJob['process'], ctx: JobContext) {
  const timers: NodeJS.Timeout[] = []
  for (const job of PERIODIC_JOBS.filter((j) => j.process === process)) {
    let running = false
    const tick = async () => {
      if (running) return
      running = true
      try {
        await job.run(ctx)
      } catch (error) {
        ctx.log(`${job.name} failed`, { error: String(error) })
      } finally {
        running = false
      }
    }
    if (job.atStart) void tick()
    if (job.everyMs !== null) timers.push(setInterval(() => void tick(), job.everyMs))
  }
  return () => timers.forEach((t) => clearInterval(t))
}
