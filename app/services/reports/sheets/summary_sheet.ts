import { formatDate } from '#services/dates'
import type { CommitteeFigures } from '#services/reports/committee_figures'
import { type Book, type Translate, addSheet } from '#services/reports/sheets/sheet_writer'

/** Tổng hợp: the money section as the original report states it. */
export async function writeSummarySheet(book: Book, figures: CommitteeFigures, t: Translate) {
  const { period, money } = figures
  const summary = addSheet(book, 'Tổng hợp', [
    { header: t('reports.item'), width: 70 },
    { header: t('reports.amount'), width: 20, style: 'money' },
  ])
  summary.add([
    t('reports.period', { from: formatDate(period.from), to: formatDate(period.to) }),
    null,
  ])
  summary.add(
    [t('reports.raised', { donors: money.donors, donations: money.donations }), money.raised],
    true
  )
  summary.add([t('reports.raised_in_period'), money.raisedInPeriod])
  summary.add([t('reports.spending'), null], true)
  for (const e of money.spending) {
    const label =
      e.quantity && e.unitPrice
        ? `+ ${e.description}: ${e.quantity} × ${e.unitPrice.toLocaleString('vi-VN')} đ`
        : `+ ${e.description}`
    summary.add([label, e.amount])
  }
  summary.add([t('reports.spent'), money.spent], true)
  summary.add(
    [
      money.shortfall > 0 ? t('reports.shortfall') : t('reports.balance'),
      money.shortfall > 0 ? money.shortfall : money.balance,
    ],
    true
  )
  summary.add([null, null])
  summary.add([t('reports.cameras_by_location'), null], true)
  for (const l of figures.locations) summary.add([l.name, l.cameras])
  summary.add([t('reports.cameras_total'), figures.cameraCount], true)
  summary.commit()
}
