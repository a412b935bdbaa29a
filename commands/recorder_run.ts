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
    const { segmentSecondsSetting } = await import('#recorder/contract')

    // A segment length the recording windows cannot serve stops here, in words.
    let segmentSeconds: number
    try {
      segmentSeconds = segmentSecondsSetting(env.get('RECORDER_SEGMENT_SECONDS'))
    } catch (error) {
      this.logger.error((error as Error).message)
      // A staying-alive command exits through terminate(): the process's code is what counts.
      this.exitCode = process.exitCode = 1
      await this.terminate()
      return
    }

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
      segmentSeconds,
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
      segmentSeconds,
      replaySource: replaySourceFor,
      bytesPerSecond: async () => ((await edgeRecoverySettings()).kbps * 1000) / 8,
      log,
    })
    await edge.start()

    // Retention, camera clocks, automatic and preventive tickets, the daily backup: the
    // recorder's jobs as listed in app/services/jobs/periodic_jobs.ts.
    const { startJobs } = await import('#services/jobs/periodic_jobs')
    const stopJobs = startJobs('recorder', { node: heartbeat.nodeId, root, log })

    // Runs before Lucid closes its connections, on SIGTERM (bin/console.ts) or Ctrl+C.
    this.app.terminating(async () => {
      this.logger.info('recorder stopping')
      stopJobs()
      await edge.stop()
      await supervisor.stop()
      await heartbeat.stop()
    })
    process.once('SIGINT', () => void this.terminate())
  }
}
