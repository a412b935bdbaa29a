import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

const PROBLEMS: Record<string, string> = {
  not_zip: 'Không phải tệp .zip đọc được / not a readable zip',
  no_manifest: 'Không có manifest.json / no manifest.json',
  bad_manifest: 'manifest.json hỏng / manifest.json is not valid JSON',
  manifest_changed:
    'manifest.json đã bị thay đổi (không khớp mã SHA-256 đã ghi) / manifest.json was changed',
  files_differ: 'Có tệp không khớp mã SHA-256 / some files do not match their SHA-256',
}

/**
 * Checks an evidence package: recomputes every SHA-256 and says whether it is intact and
 * which file differs. Exit code 0 when intact, 1 when not.
 */
export default class EvidenceVerify extends BaseCommand {
  static commandName = 'evidence:verify'
  static description = 'Kiểm tra gói chứng cứ .zip / verify an evidence package'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tệp .zip / the package' })
  declare file: string

  async run() {
    const { verifyPackage } = await import('#services/evidence/verify_package')
    const result = await verifyPackage(this.file)
    for (const f of result.files) {
      const mark = f.status === 'ok' ? 'OK ' : 'SAI'
      this.logger.log(
        `${mark} ${f.name}  ${f.status}${f.status === 'changed' ? ` (${f.actual})` : ''}`
      )
    }
    if (result.knownExport) {
      this.logger.log(
        `Bản xuất #${result.knownExport.id} của hồ sơ ${result.knownExport.caseNumber} / export of case`
      )
    }
    if (result.intact) {
      this.logger.success(`NGUYÊN VẸN / INTACT — manifest SHA-256 ${result.manifestSha256}`)
    } else {
      this.logger.error(`KHÔNG NGUYÊN VẸN / NOT INTACT — ${PROBLEMS[result.problem!]}`)
      this.exitCode = 1
    }
    try {
      const { recordAudit, systemActor } = await import('#services/audit')
      await recordAudit({
        actor: systemActor('dòng lệnh evidence:verify'),
        action: 'evidence.verify',
        entityType: 'evidence_case',
        entityId: result.knownExport?.caseId ?? null,
        after: {
          intact: result.intact,
          problem: result.problem,
          manifestSha256: result.manifestSha256,
        },
      })
    } catch {
      // Verifying without the database still answers.
    }
  }
}
