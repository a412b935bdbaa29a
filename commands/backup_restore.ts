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

  @flags.string({
    description:
      'Tệp chứa khóa sao lưu (mặc định BACKUP_KEY) / file holding the backup key (default BACKUP_KEY)',
  })
  declare keyFile?: string

  async run() {
    const { restoreBackup, BackupRestoreError } = await import('#services/backup/restore_backup')
    const { BackupKeyError } = await import('#services/backup/backup_crypto')
    const { readFile } = await import('node:fs/promises')
    try {
      const key = this.keyFile ? (await readFile(this.keyFile, 'utf8')).trim() : undefined
      const result = await restoreBackup({ file: this.file, force: this.force, key })
      this.logger.success(
        `Đã khôi phục / restored: ${result.tables} bảng, ${result.rows} dòng, ${result.files} tệp (sao lưu lúc ${result.createdAt})`
      )
    } catch (error) {
      if (error instanceof BackupKeyError) {
        this.logger.error(KEY_REASONS[error.reason])
        this.exitCode = 1
        return
      }
      if (!(error instanceof BackupRestoreError)) throw error
      this.logger.error(`${REASONS[error.reason]} — ${error.detail}`)
      this.exitCode = 1
    }
  }
}

const KEY_REASONS = {
  missing:
    'Thiếu khóa sao lưu: đặt BACKUP_KEY hoặc dùng --key-file / the backup key is missing: set BACKUP_KEY or pass --key-file',
  invalid:
    'Khóa sao lưu không đúng dạng AGE-SECRET-KEY-1… / the backup key is not an AGE-SECRET-KEY-1… key',
  wrong_key:
    'Khóa này không mở được bản sao lưu (khóa khác lúc sao lưu) / this key does not open the backup',
}
