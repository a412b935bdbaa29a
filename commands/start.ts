import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import ProcessSupervisor from '#services/process_supervisor'

/**
 * `npm start`: the whole installation with one command.
 *
 * 1. The database (the app provider starts the embedded server; this process owns it).
 * 2. Pending migrations.
 * 3. With no users yet, an admin with a one-time password, printed once.
 * 4. The web server and the recorder as child processes, restarted if they crash.
 * Ctrl+C / SIGTERM stops the web and the recorder first, then the database.
 */
export default class Start extends BaseCommand {
  static commandName = 'start'
  static description = 'Chạy toàn bộ hệ thống / Start database, web server and recorder'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  async run() {
    const scheme = await this.checkHttps()
    if (!scheme || !(await this.checkRecorderSettings())) return
    await this.migrate()
    await this.createFirstAdmin()

    const node = process.execPath
    const tsHook = '--import=ts-node-maintained/register/esm'
    const supervisor = new ProcessSupervisor({
      cwd: this.app.makePath(),
      log: (message) => this.logger.info(message),
      children: [
        { name: 'web', command: node, args: [tsHook, 'bin/server.js'] },
        { name: 'recorder', command: node, args: ['ace.js', 'recorder:run'] },
      ],
    })
    supervisor.start()
    const port = process.env.PORT || '3333'
    this.logger.success(
      `Mở trình duyệt / open ${scheme}://localhost:${port}  (Ctrl+C để dừng / to stop)`
    )

    // The children stop before the providers shut down (the database stops last).
    // SIGTERM is wired to app.terminate() by bin/console.ts; Ctrl+C is wired here.
    this.app.terminating(async () => {
      this.logger.info('Đang dừng / stopping...')
      await supervisor.stop()
    })
    process.once('SIGINT', () => void this.terminate())
  }

  /**
   * A wrong certificate path or a key that does not match stops here, in words, rather
   * than as a web server that crashes and restarts forever. Returns the scheme to print.
   */
  protected async checkHttps(): Promise<'http' | 'https' | null> {
    const { tlsFilesFromEnv, loadCertificate } = await import('#services/https/tls_files')
    try {
      const files = tlsFilesFromEnv()
      if (!files) return 'http'
      loadCertificate(files)
      return 'https'
    } catch (error) {
      this.logger.error((error as Error).message)
      // A staying-alive command exits through terminate(): the process's code is what counts.
      this.exitCode = process.exitCode = 1
      await this.terminate()
      return null
    }
  }

  /** A segment length the recording windows cannot serve stops here (recorder/contract.ts). */
  protected async checkRecorderSettings() {
    const { segmentSecondsSetting } = await import('#recorder/contract')
    const { default: env } = await import('#start/env')
    try {
      segmentSecondsSetting(env.get('RECORDER_SEGMENT_SECONDS'))
      return true
    } catch (error) {
      this.logger.error((error as Error).message)
      // A staying-alive command exits through terminate(): the process's code is what counts.
      this.exitCode = process.exitCode = 1
      await this.terminate()
      return false
    }
  }

  protected async migrate() {
    const { migrateToLatest } = await import('#services/migrate')
    const applied = await migrateToLatest()
    if (applied) this.logger.info(`Đã áp dụng ${applied} migration / migrations applied`)
  }

  protected async createFirstAdmin() {
    const { default: CreateFirstAdmin } = await import('#actions/users/create_first_admin')
    const admin = await CreateFirstAdmin.handle()
    if (!admin) return
    this.ui
      .sticker()
      .add('Tài khoản quản trị đầu tiên / first administrator account')
      .add(`Email:    ${admin.email}`)
      .add(`Mật khẩu: ${admin.password}`)
      .add('Mật khẩu này chỉ hiện MỘT lần; đổi ngay khi đăng nhập.')
      .add('Shown only ONCE; you must change it at first sign-in.')
      .render()
  }
}
