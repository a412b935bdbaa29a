import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * The recorder process (`npm start` runs it next to the web server): heartbeat, crash
 * recovery, then one ffmpeg per camera to record (see recorder/).
 */
export default class RecorderRun extends BaseCommand {
  static commandName = 'recorder:run'
  static description = 'Chạy đầu ghi hình (recorder) / Run the recorder process'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  async run() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: env } = await import('#start/env')
    const { default: Heartbeat } = await import('#recorder/heartbeat')
    const { Supervisor } = await import('#recorder/supervisor')
    const { SegmentIndex } = await import('#recorder/segment_indexer')
    const { detectFfmpeg } = await import('#recorder/ffmpeg_binaries')
    const { recordingsDir } = await import('#services/recordings_dir')
    const { leaseHooks } = await import('#services/cameras/recording_targets')
    const { maskCredentials } = await import('#services/cameras/rtsp')

    const heartbeat = new Heartbeat({
      store: db,
      nodeId: env.get('RECORDER_NODE_ID'),
      onError: (error) => this.logger.warning(`heartbeat failed: ${(error as Error).message}`),
    })
    heartbeat.start()

    const bin = await detectFfmpeg()
    this.logger.info(`ffmpeg: ${bin.version} (${bin.rtspTimeoutOption})`)
    const root = recordingsDir()
    const log = (message: string, detail?: Record<string, unknown>) =>
      this.logger.info(maskCredentials(`${message} ${detail ? JSON.stringify(detail) : ''}`))
    // One index (and spool file) for live and recovered segments.
    const index = new SegmentIndex(db, root, (error) =>
      log('index row spooled', { error: String(error) })
    )
    const supervisor = new Supervisor({
      bin,
      root,
      store: db,
      index,
      node: heartbeat.nodeId,
      segmentSeconds: Number(env.get('RECORDER_SEGMENT_SECONDS') ?? 60),
      ...leaseHooks({ node: heartbeat.nodeId }),
      log,
    })
    await supervisor.start()
    this.logger.info(`recorder ${heartbeat.nodeId} running (pid ${process.pid})`)

    // Gaps closed on cameras with an SD card are fetched back from the card, one window at
    // a time, at the rate set on the maintenance settings page (checked every 10 s).
    const { EdgeRecoveryRunner } = await import('#recorder/edge_recovery')
    const { replaySourceFor, edgeRecoverySettings } = await import('#services/cameras/edge_replay')
    const edge = new EdgeRecoveryRunner({
      bin,
      root,
      store: db,
      index,
      node: heartbeat.nodeId,
      segmentSeconds: Number(env.get('RECORDER_SEGMENT_SECONDS') ?? 60),
      replaySource: replaySourceFor,
      bytesPerSecond: async () => ((await edgeRecoverySettings()).kbps * 1000) / 8,
      log,
    })
    await edge.start()

    // Retention every 5 minutes (and now): days, quotas, then the low-disk guard.
    const { applyRetention } = await import('#recorder/retention')
    const { uploadTmpDir, sweepUploadTmp } = await import('#services/uploads/upload_tmp')
    const retention = async () => {
      try {
        // Uploads a killed web process left behind (over an hour old).
        await sweepUploadTmp()
        const result = await applyRetention({
          store: db,
          root,
          minFreeBytes: Number(env.get('RECORDER_MIN_FREE_GB') ?? 0) * 1024 ** 3,
          transientDirs: [uploadTmpDir()],
        })
        if (result.byAge + result.byQuota + result.byLowDisk > 0) log('retention', { ...result })
      } catch (error) {
        log('retention failed', { error: String(error) })
      }
    }
    void retention()
    const retentionTimer = setInterval(() => void retention(), 5 * 60 * 1000)

    // Camera clocks over ONVIF every 30 minutes: measured and shown, never trusted.
    const { checkCameraClocks } = await import('#services/cameras/clock_check')
    const clockTimer = setInterval(
      () => void checkCameraClocks(heartbeat.nodeId).catch(() => 0),
      30 * 60 * 1000
    )

    // Maintenance tickets from recording health, every minute (one per outage, across
    // nodes), and the daily preventive round: due schedules are checked every minute too, so
    // a round opens just after midnight, or a minute after the recorder is back from a cut.
    const { syncAutomaticTickets } = await import('#actions/tickets/automatic_tickets')
    const { openDuePreventiveTickets } = await import('#actions/tickets/preventive_schedules')
    const maintenance = async () => {
      await syncAutomaticTickets().catch((error) =>
        log('automatic tickets failed', { error: String(error) })
      )
      const round = await openDuePreventiveTickets().catch((error) => {
        log('preventive tickets failed', { error: String(error) })
        return null
      })
      if (round?.opened) log('preventive tickets', { ...round })
    }
    const ticketTimer = setInterval(() => void maintenance(), 60 * 1000)

    // The daily backup (BACKUP_AT, default 02:30; BACKUP_KEEP copies in BACKUP_DIR; 0 turns
    // it off): checked every minute, so a day missed in a power cut is written on return.
    const { runScheduledBackup, scheduleFromEnv } =
      await import('#services/backup/scheduled_backup')
    let backingUp = false
    const backup = async () => {
      const schedule = scheduleFromEnv()
      if (backingUp || schedule.keep <= 0) return
      backingUp = true
      try {
        const written = await runScheduledBackup(schedule)
        if (written) log('backup written', { path: written.path, bytes: written.bytes })
      } catch (error) {
        log('backup failed', { error: String(error) })
      } finally {
        backingUp = false
      }
    }
    const backupTimer = setInterval(() => void backup(), 60 * 1000)

    // Runs before Lucid closes its connections, on SIGTERM (bin/console.ts) or Ctrl+C.
    this.app.terminating(async () => {
      this.logger.info('recorder stopping')
      clearInterval(retentionTimer)
      clearInterval(clockTimer)
      clearInterval(ticketTimer)
      clearInterval(backupTimer)
      await edge.stop()
      await supervisor.stop()
      await heartbeat.stop()
    })
    process.once('SIGINT', () => void this.terminate())
  }
}
