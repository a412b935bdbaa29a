import type { CommitteeFigures } from '#services/reports/committee_figures'
import { type Book, type Translate, addSheet } from '#services/reports/sheets/sheet_writer'

/** Quỹ: each fund apart, up to the end of the period, and every fund together. */
export async function writeFundsSheet(book: Book, figures: CommitteeFigures, t: Translate) {
  const { money } = figures
  const funds = addSheet(book, 'Quỹ', [
    { header: t('funds.name'), width: 40 },
    { header: t('budget.raised'), width: 18, style: 'money' },
    { header: t('budget.paid'), width: 18, style: 'money' },
    { header: t('reports.fund_balance'), width: 22, style: 'money' },
  ])
  for (const f of money.funds) funds.add([f.fundName, f.raised, f.paid, f.balance])
  funds.total(t('funds.all_funds'), { 1: money.raised, 2: money.spent, 3: money.balance }, 4)
  funds.commit()
}
