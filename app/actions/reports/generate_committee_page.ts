import edge from 'edge.js'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { committeeFigures, type ReportPeriod } from '#services/reports/committee_figures'
import { saveReportLevel, type ReportLevel } from '#services/locations/location_tree'
import {
  NARRATIVE_KEY,
  DEFAULT_NARRATIVE,
  type Narrative,
} from '#services/reports/committee_narrative'
import { findChromium, htmlToPdf } from '#services/reports/chromium_pdf'
import { writeSetting } from '#services/settings/app_settings'
import { recordReport, reportPath } from '#actions/reports/generate_committee_report'
import type { AuditActor } from '#services/audit'

type Translate = (key: string, data?: Record<string, any>) => string

/** Server without Chromium: the PDF cannot be made here (the browser's print still can). */
export class NoChromiumError extends Error {}

const paragraphs = (text: string | null | undefined) =>
  (text ?? '')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)

/**
 * The printable report (HTML, or PDF through headless Chromium) for a period: the
 * committee's text around figures taken from data. The text is kept for next time; the
 * file goes to the report history (who, when, period, SHA-256) and the audit log.
 */
export async function generateCommitteePage(params: {
  actor: AuditActor
  period: ReportPeriod
  /** The level cameras are counted at; remembered as the committee's choice. */
  locationLevel?: ReportLevel
  narrative: Partial<Narrative>
  reportDate: string
  format: 'html' | 'pdf'
  t: Translate
}) {
  const narrative: Narrative = { ...DEFAULT_NARRATIVE }
  for (const [key, value] of Object.entries(params.narrative)) {
    if (typeof value === 'string') (narrative as any)[key] = value
  }
  await writeSetting({
    actor: params.actor,
    key: NARRATIVE_KEY,
    defaults: DEFAULT_NARRATIVE,
    value: narrative,
  })
  if (params.locationLevel) await saveReportLevel(params.actor, params.locationLevel)
  const figures = await committeeFigures(params.period, params.locationLevel)
  const date = DateTime.fromISO(params.reportDate)
  const html = await edge.render('pages/reports/committee_print', {
    f: figures,
    n: narrative,
    reportDate: {
      day: date.toFormat('dd'),
      month: date.toFormat('MM'),
      year: date.toFormat('yyyy'),
    },
    paragraphs,
    t: params.t,
  })
  const base = `bao-cao-BCD_${params.period.from}_${params.period.to}_${randomUUID().slice(0, 8)}`
  const fileName = `${base}.${params.format}`
  const target = reportPath(fileName)
  await mkdir(join(target, '..'), { recursive: true })
  if (params.format === 'html') {
    await writeFile(target, html)
  } else {
    const chromium = await findChromium()
    if (!chromium) throw new NoChromiumError()
    const work = await mkdtemp(join(tmpdir(), 'report-'))
    try {
      await writeFile(join(work, 'bao-cao.html'), html)
      await htmlToPdf(chromium, join(work, 'bao-cao.html'), target)
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  }
  const row = await recordReport({
    actor: params.actor,
    period: params.period,
    format: params.format,
    fileName,
  })
  return {
    row,
    html,
    path: target,
    content: params.format === 'pdf' ? await readFile(target) : null,
  }
}
