import type { CommitteeFigures } from '#services/reports/committee_figures'
import { type Book, type Translate, addSheet, day } from '#services/reports/sheets/sheet_writer'

/** Chi phí: paid expenses with their documents. */
export async function writeCostsSheet(book: Book, figures: CommitteeFigures, t: Translate) {
  const { money } = figures
  const costs = addSheet(book, 'Chi phí', [
    { header: t('reports.date'), width: 12, style: 'date' },
    { header: t('reports.line'), width: 28 },
    { header: t('reports.description'), width: 50 },
    { header: t('reports.quantity'), width: 10, style: 'number' },
    { header: t('reports.unit_price'), width: 14, style: 'money' },
    { header: t('reports.amount'), width: 16, style: 'money' },
    { header: t('reports.payee'), width: 28 },
    { header: t('reports.documents'), width: 30 },
  ])
  for (const e of money.spending) {
    costs.add([
      day(e.spentOn),
      e.line,
      e.description,
      e.quantity,
      e.unitPrice,
      e.amount,
      e.payee,
      e.documents,
    ])
  }
  costs.total(t('reports.total'), { 5: money.spent }, 8)
  costs.commit()
}
