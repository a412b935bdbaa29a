import type { CommitteeFigures } from '#services/reports/committee_figures'
import { type Book, type Translate, addSheet } from '#services/reports/sheets/sheet_writer'

/** Trích xuất: evidence cases by type. */
export async function writeEvidenceSheet(book: Book, figures: CommitteeFigures, t: Translate) {
  const evidence = addSheet(book, 'Trích xuất', [
    { header: t('reports.case_type'), width: 28 },
    { header: t('reports.cases'), width: 12, style: 'number' },
  ])
  for (const e of figures.evidence) evidence.add([t(`evidence.types.${e.type}`), e.cases])
  evidence.total(t('reports.total'), { 1: figures.evidence.reduce((s, e) => s + e.cases, 0) }, 2)
  evidence.commit()
}
