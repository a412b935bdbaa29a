import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { mkdir, rename, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { committeeFigures, type ReportPeriod } from '#services/reports/committee_figures'
import { saveReportLevel, type ReportLevel } from '#services/locations/location_tree'
import { writeCommitteeWorkbook } from '#services/reports/committee_xlsx'
import { sha256File } from '#recorder/segment_indexer'
import { recordAudit, type AuditActor } from '#services/audit'

type Translate = (key: string, data?: Record<string, any>) => string

/** Where generated reports are kept (served by history id only). */
export function reportPath(fileName: string) {
  return app.makePath('storage/reports', fileName)
}

/**
 * A report file just written under storage/reports, recorded in the report history (who,
 * when, period, size, SHA-256) and the audit log, in one transaction.
 */
export async function recordReport(params: {
  actor: AuditActor
  period: ReportPeriod
  format: 'xlsx' | 'html' | 'pdf'
  fileName: string
}) {
  const path = reportPath(params.fileName)
  const sha256 = await sha256File(path)
  const bytes = (await stat(path)).size
  return db.transaction(async (trx) => {
    const [saved] = await trx
      .insertQuery()
      .table('report_history')
      .insert({
        kind: 'committee',
        format: params.format,
        period_from: params.period.from,
        period_to: params.period.to,
        file_name: params.fileName,
        bytes,
        sha256,
        created_by: params.actor.id,
        created_by_label: params.actor.label,
      })
      .returning('*')
    await recordAudit(
      {
        actor: params.actor,
        action: 'report.generate',
        entityType: 'report',
        entityId: saved.id,
        after: { kind: 'committee', format: params.format, ...params.period, sha256, bytes },
      },
      trx
    )
    return saved
  })
}

/**
 * Builds the committee's workbook for a period, keeps it under storage/reports and records
 * it in the report history (who, when, period, file, SHA-256) and the audit log.
 */
export async function generateCommitteeWorkbook(params: {
  actor: AuditActor
  period: ReportPeriod
  /** The level cameras are counted at; remembered as the committee's choice. */
  locationLevel?: ReportLevel
  t: Translate
}) {
  if (params.locationLevel) await saveReportLevel(params.actor, params.locationLevel)
  const figures = await committeeFigures(params.period, params.locationLevel)
  const fileName = `bao-cao-BCD_${params.period.from}_${params.period.to}_${randomUUID().slice(0, 8)}.xlsx`
  const target = reportPath(fileName)
  await mkdir(join(target, '..'), { recursive: true })
  await writeCommitteeWorkbook(figures, { filename: `${target}.part` }, params.t)
  await rename(`${target}.part`, target)
  const row = await recordReport({
    actor: params.actor,
    period: params.period,
    format: 'xlsx',
    fileName,
  })
  return { row, path: target, figures }
}
