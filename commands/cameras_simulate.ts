import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { createServer } from 'node:net'

/** Whether a TCP port on 127.0.0.1 is free to listen on. */
function portFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

/**
 * `node ace cameras:simulate --count 3 [--port 26554] [--attach] [--codec h265 --size 1920x1080
 * --bitrate 2000]`: simulated cameras publishing a test
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

  @flags.number({
    description:
      'Cổng RTSP để đọc camera (cổng kế tiếp dùng để phát) / RTSP port cameras are read on (the next one publishes)',
    default: 26554,
  })
  declare port: number

  @flags.string({ description: 'h264 | h265 (mặc định / default h264)', default: 'h264' })
  declare codec: string

  @flags.string({ description: 'Kích thước / size, e.g. 1920x1080 (default 640x360)' })
  declare size?: string

  @flags.number({ description: 'Khung hình/giây / frames per second (default 15)' })
  declare fps?: number

  @flags.number({ description: 'kbit/s (default: the encoder decides)' })
  declare bitrate?: number

  @flags.number({ description: 'Giây giữa hai khung khoá / seconds between keyframes (1)' })
  declare gop?: number

  @flags.string({ description: 'Âm thanh / audio: g711 (A-law 8 kHz, as Hikvision/Dahua send)' })
  declare audio?: string

  async run() {
    const { detectFfmpeg } = await import('#recorder/ffmpeg_binaries')
    const { CameraSimulator } = await import('#recorder/simulator')
    const { default: app } = await import('@adonisjs/core/services/app')
    const count = Math.max(1, Math.min(64, this.count))
    if (
      !['h264', 'h265'].includes(this.codec) ||
      (this.audio !== undefined && this.audio !== 'g711') ||
      (this.size && !/^\d{2,4}x\d{2,4}$/.test(this.size))
    ) {
      this.logger.error('--codec h264|h265, --size RỘNGxCAO (vd. 1920x1080), --audio g711')
      this.exitCode = 1
      return this.terminate()
    }
    const clientPort = this.port
    const publishPort = clientPort + 1
    if (!Number.isInteger(clientPort) || clientPort < 1024 || publishPort > 65535) {
      this.logger.error(`Cổng ${this.port} không hợp lệ: chọn một số từ 1024 đến 65534.`)
      this.exitCode = 1
      return this.terminate()
    }
    for (const port of [clientPort, publishPort]) {
      if (!(await portFree(port))) {
        this.logger.error(
          `Cổng ${port} đang được dùng (có thể cameras:simulate đang chạy). ` +
            `Dừng chương trình đó hoặc chọn cổng khác: --port ${clientPort + 10}`
        )
        this.exitCode = 1
        return this.terminate()
      }
    }
    const simulator = new CameraSimulator({
      bin: await detectFfmpeg(),
      workDir: app.makePath('storage/simulator'),
      count,
      clientPort,
      publishPort,
      clip: {
        codec: this.codec as 'h264' | 'h265',
        size: this.size,
        fps: this.fps,
        bitrate: this.bitrate,
        gopSeconds: this.gop,
        audio: this.audio === 'g711' ? 'g711' : null,
      },
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
