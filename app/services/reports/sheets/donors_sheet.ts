import db from '@adonisjs/lucid/services/db'
import type { CommitteeFigures } from '#services/reports/committee_figures'
import { type Book, PAGE, type Translate, addSheet } from '#services/reports/sheets/sheet_writer'

/** Danh sách ủng hộ: every donor with what they gave up to the end of the period. */
export async function writeDonorsSheet(book: Book, figures: CommitteeFigures, t: Translate) {
  const { period } = figures
  const donors = addSheet(book, 'Danh sách ủng hộ', [
    { header: t('reports.no'), width: 8, style: 'number' },
    { header: t('reports.donor'), width: 36 },
    { header: t('reports.village'), width: 22 },
    { header: t('reports.donations'), width: 12, style: 'number' },
    { header: t('reports.amount'), width: 18, style: 'money' },
  ])
  let lastId = 0
  let n = 0
  let donorSum = 0
  for (;;) {
    const page = await db
      .from('donors as d')
      .join('donations as x', 'x.donor_id', 'd.id')
      .where('x.received_on', '<=', period.to)
      .where('d.id', '>', lastId)
      .groupBy('d.id')
      .orderBy('d.id')
      .limit(PAGE)
      .select('d.id', 'd.name', 'd.village')
      .select(db.raw(`count(*) filter (where x.kind = 'donation')::int as n`))
      .select(db.raw('sum(x.amount)::bigint as total'))
    for (const r of page) {
      if (Number(r.total) === 0) continue
      donors.add([++n, r.name, r.village, r.n, Number(r.total)])
      donorSum += Number(r.total)
    }
    if (page.length < PAGE) break
    lastId = page.at(-1)!.id
  }
  donors.total(t('reports.total'), { 4: donorSum }, 5)
  donors.commit()
}
