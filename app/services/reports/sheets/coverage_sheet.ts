import {
  coverageIntervals,
  dailyCoverage,
  dayBounds,
  inServiceSince,
} from '#services/footage/coverage'
import { periodBounds, type CommitteeFigures } from '#services/reports/committee_figures'
import { type Book, type Translate, addSheet, day } from '#services/reports/sheets/sheet_writer'

/** Ghi hình: share of each day recorded, per camera (cameras read in pages). */
export async function writeCoverageSheet(book: Book, figures: CommitteeFigures, t: Translate) {
  const { period } = figures
  const { start, until } = periodBounds(period)
  const coverage = addSheet(book, 'Ghi hình', [
    { header: t('reports.code'), width: 12 },
    { header: t('reports.date'), width: 12, style: 'date' },
    { header: t('reports.coverage'), width: 12, style: 'percent' },
  ])
  // Each camera's runs swept across the day boundaries, 20 cameras per query.
  const days = dayBounds(start, until)
  const ids = figures.cameras.map((c) => c.id)
  const codes = new Map(figures.cameras.map((c) => [c.id, c.code]))
  for (let i = 0; i < ids.length; i += 20) {
    const batch = ids.slice(i, i + 20)
    const intervals = await coverageIntervals(batch, start, until)
    const since = await inServiceSince(batch)
    for (const id of batch) {
      const shares = dailyCoverage(intervals.get(id) ?? [], days, since.get(id) ?? null)
      // Days before a camera was installed are not rows: it was not there to record.
      for (const [k, d] of days.entries()) {
        if (shares[k] !== null) coverage.add([codes.get(id), day(d.day), shares[k]])
      }
    }
  }
  if (start >= until) coverage.add([t('reports.no_data')])
  coverage.commit()
}
