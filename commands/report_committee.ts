import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { copyFile } from 'node:fs/promises'

/** `node ace report:committee --from 2026-01-01 --to 2026-12-31 --out bao-cao.xlsx` */
export default class ReportCommittee extends BaseCommand {
  static commandName = 'report:committee'
  static description = 'Xuất báo cáo Ban chỉ đạo (.xlsx) / write the committee report'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Từ ngày / from (YYYY-MM-DD)', required: true })
  declare from: string

  @flags.string({ description: 'Đến ngày / to (YYYY-MM-DD)', required: true })
  declare to: string

  @flags.string({ description: 'Tệp .xlsx / output file', required: true })
  declare out: string

  async run() {
    const iso = /^\d{4}-\d{2}-\d{2}$/
    if (!iso.test(this.from) || !iso.test(this.to) || this.to < this.from) {
      this.logger.error('Khoảng thời gian không hợp lệ / invalid period (YYYY-MM-DD, to ≥ from)')
      this.exitCode = 1
      return
    }
    const { generateCommitteeWorkbook } = await import('#actions/reports/generate_committee_report')
    const { systemActor } = await import('#services/audit')
    const i18n = (await import('@adonisjs/i18n/services/main')).default.locale('vi')
    const { row, path } = await generateCommitteeWorkbook({
      actor: systemActor('node ace report:committee'),
      period: { from: this.from, to: this.to },
      t: (key, data) => i18n.t(key, data),
    })
    await copyFile(path, this.out)
    this.logger.success(`${this.out} — SHA-256 ${row.sha256}`)
  }
}
