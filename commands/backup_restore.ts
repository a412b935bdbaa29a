import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

const REASONS: Record<string, string> = {
  corrupt: 'Tệp sao lưu bị hỏng hoặc đã bị sửa, không khôi phục gì / the archive is damaged',
  format: 'Tệp sao lưu từ phiên bản mới hơn / the archive is from a newer version',
  schema:
    'Cơ sở dữ liệu chưa ở đúng phiên bản của bản sao lưu: chạy node ace migration:run trên cùng phiên bản phần mềm / the database is at other migrations',
  not_empty:
    'Cơ sở dữ liệu đã có dữ liệu; thêm --force để thay toàn bộ / the database already holds data (use --force to replace it)',
  privileges:
    'Tài khoản PostgreSQL cần quyền superuser để khôi phục / the PostgreSQL role needs superuser rights',
}

/** `node ace backup:restore file.zip [--force]`: restores a backup into this installation. */
export default class BackupRestore extends BaseCommand {
  static commandName = 'backup:restore'
  static description = 'Khôi phục từ bản sao lưu / restore a backup'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tệp .zip sao lưu / the backup archive' })
  declare file: string

  @flags.boolean({ description: 'Thay cả dữ liệu đang có / replace existing data' })
  declare force?: boolean

  async run() {
    const { restoreBackup, BackupRestoreError } = await import('#services/backup/restore_backup')
    try {
      const result = await restoreBackup({ file: this.file, force: this.force })
      this.logger.success(
        `Đã khôi phục / restored: ${result.tables} bảng, ${result.rows} dòng, ${result.files} tệp (sao lưu lúc ${result.createdAt})`
      )
    } catch (error) {
      if (!(error instanceof BackupRestoreError)) throw error
      this.logger.error(`${REASONS[error.reason]} — ${error.detail}`)
      this.exitCode = 1
    }
  }
}
