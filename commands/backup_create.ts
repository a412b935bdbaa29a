import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace backup:create [--out file.zip] [--footage-metadata] [--evidence]`: one archive
 * with the database, the uploaded files and reports, and a manifest of SHA-256s.
 */
export default class BackupCreate extends BaseCommand {
  static commandName = 'backup:create'
  static description = 'Sao lưu cơ sở dữ liệu và tệp đính kèm / back up the database and files'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Tệp .zip sẽ ghi / archive to write' })
  declare out?: string

  @flags.boolean({ description: 'Kèm chỉ mục hình ghi / include footage metadata' })
  declare footageMetadata?: boolean

  @flags.boolean({ description: 'Kèm các gói chứng cứ đã xuất / include evidence packages' })
  declare evidence?: boolean

  async run() {
    const { createBackup } = await import('#services/backup/create_backup')
    const { backupName, scheduleFromEnv } = await import('#services/backup/scheduled_backup')
    const { join } = await import('node:path')
    const { ensureBackupKey } = await import('#services/backup/backup_crypto')
    const { default: app } = await import('@adonisjs/core/services/app')
    await ensureBackupKey(app.makePath('.env'), (message) => this.logger.warning(message))
    const out = this.out || join(scheduleFromEnv().dir, backupName(new Date()))
    const result = await createBackup({
      out,
      footageMetadata: this.footageMetadata,
      evidencePackages: this.evidence,
    })
    const rows = result.manifest.tables.reduce((s, t) => s + t.rows, 0)
    this.logger.success(
      `Đã sao lưu / backed up: ${result.path} — ${result.manifest.tables.length} bảng, ${rows} dòng, ${result.manifest.files.length} tệp, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB, SHA-256 ${result.sha256}`
    )
  }
}
