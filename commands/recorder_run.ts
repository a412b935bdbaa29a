import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * The recorder process (`npm start` runs it next to the web server). For now it keeps
 * its heartbeat; the NVR core fills it with one ffmpeg per camera.
 */
export default class RecorderRun extends BaseCommand {
  static commandName = 'recorder:run'
  static description = 'Chạy đầu ghi hình (recorder) / Run the recorder process'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  async run() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: env } = await import('#start/env')
    const { default: Heartbeat } = await import('#recorder/heartbeat')

    const heartbeat = new Heartbeat({
      store: db,
      nodeId: env.get('RECORDER_NODE_ID'),
      onError: (error) => this.logger.warning(`heartbeat failed: ${(error as Error).message}`),
    })
    heartbeat.start()
    this.logger.info(`recorder ${heartbeat.nodeId} running (pid ${process.pid})`)

    // Runs before Lucid closes its connections, on SIGTERM (bin/console.ts) or Ctrl+C.
    this.app.terminating(async () => {
      this.logger.info('recorder stopping')
      await heartbeat.stop()
    })
    process.once('SIGINT', () => void this.terminate())
  }
}
