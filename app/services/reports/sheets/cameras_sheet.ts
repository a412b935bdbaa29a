import type { CommitteeFigures } from '#services/reports/committee_figures'
import { type Book, type Translate, addSheet } from '#services/reports/sheets/sheet_writer'

/** Camera: per camera, location, status, host household, coverage in the period, owner. */
export async function writeCamerasSheet(book: Book, figures: CommitteeFigures, t: Translate) {
  const cams = addSheet(book, 'Camera', [
    { header: t('reports.code'), width: 12 },
    { header: t('reports.camera'), width: 30 },
    { header: t('reports.location'), width: 24 },
    { header: t('reports.status'), width: 14 },
    { header: t('reports.household'), width: 26 },
    { header: t('reports.coverage'), width: 12, style: 'percent' },
    { header: t('cameras.owner_kind'), width: 26 },
  ])
  for (const c of figures.cameras) {
    cams.add([
      c.code,
      c.name,
      c.location,
      t(`cameras.statuses.${c.status}`),
      c.household,
      c.coverage ?? t('cameras.health.not_installed'),
      t(`cameras.owners.${c.ownerKind}`),
    ])
  }
  cams.add([t('reports.total'), figures.cameras.length, null, null, null, null, null], true)
  cams.commit()
}
