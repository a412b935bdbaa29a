import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace cameras:simulate --count 3 [--attach]`: simulated cameras publishing a test
 * pattern over RTSP on 127.0.0.1 until Ctrl+C. With --attach, the sample cameras
 * CAM-001..CAM-00N point at them, so `npm start` records real footage in a demo.
 */
export default class CamerasSimulate extends BaseCommand {
  static commandName = 'cameras:simulate'
  static description = 'Giả lập camera RTSP trên máy này / Simulated RTSP cameras on loopback'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.number({ description: 'Số camera / how many', default: 3 })
  declare count: number

  @flags.boolean({ description: 'Gắn vào CAM-001.. / point the sample cameras at them' })
  declare attach: boolean

  async run() {
    const { detectFfmpeg } = await import('#recorder/ffmpeg_binaries')
    const { CameraSimulator } = await import('#recorder/simulator')
    const { default: app } = await import('@adonisjs/core/services/app')
    const count = Math.max(1, Math.min(64, this.count))
    const simulator = new CameraSimulator({
      bin: await detectFfmpeg(),
      workDir: app.makePath('storage/simulator'),
      count,
    })
    await simulator.start()
    for (let n = 1; n <= count; n++) this.logger.info(`camera ${n}: ${simulator.url(n)}`)

    if (this.attach) {
      const { default: db } = await import('@adonisjs/lucid/services/db')
      for (let n = 1; n <= count; n++) {
        const updated = await db
          .from('cameras')
          .where('code', `CAM-${String(n).padStart(3, '0')}`)
          .update({
            main_stream_url: simulator.url(n),
            rtsp_transport: 'udp',
            updated_at: new Date(),
          })
        if (Number(updated) > 0)
          this.logger.info(`CAM-${String(n).padStart(3, '0')} -> camera ${n}`)
      }
    }

    this.app.terminating(async () => {
      await simulator.stop()
    })
    process.once('SIGINT', () => void this.terminate())
  }
}
