import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#services/dates'
import type { CommitteeFigures } from '#services/reports/committee_figures'
import { type Book, type Translate, addSheet } from '#services/reports/sheets/sheet_writer'

/** Bảo trì: tickets opened in the period, costs, and MTTR/MTBF. */
export async function writeMaintenanceSheet(book: Book, figures: CommitteeFigures, t: Translate) {
  const maintenance = addSheet(book, 'Bảo trì', [
    { header: '#', width: 8, style: 'number' },
    { header: t('reports.code'), width: 12 },
    { header: t('reports.cause'), width: 18 },
    { header: t('reports.ticket'), width: 44 },
    { header: t('reports.status'), width: 14 },
    { header: t('reports.opened'), width: 18 },
    { header: t('reports.resolved'), width: 18 },
    { header: t('reports.repair_cost'), width: 16, style: 'money' },
  ])
  const fmt = (d: Date | null) =>
    d ? DateTime.fromJSDate(d).setZone(DISPLAY_ZONE).toFormat('dd/MM/yyyy HH:mm') : null
  let repairs = 0
  for (const tk of figures.tickets) {
    repairs += Number(tk.repair_cost ?? 0)
    maintenance.add([
      tk.id,
      tk.code,
      t(`tickets.categories.${tk.category}`),
      tk.title,
      t(`tickets.statuses.${tk.status}`),
      fmt(tk.opened_at),
      fmt(tk.resolved_at),
      tk.repair_cost === null ? null : Number(tk.repair_cost),
    ])
  }
  maintenance.total(t('reports.total'), { 7: repairs }, 8)
  const o = figures.reliability.overall
  maintenance.add([null])
  maintenance.add([t('reports.mttr'), null, null, o.mttrHours ?? t('reports.no_data')], true)
  maintenance.add([t('reports.mtbf'), null, null, o.mtbfHours ?? t('reports.no_data')], true)
  // The programme's upkeep apart from cameras it does not own.
  const { programme, connected } = figures.byOwner
  maintenance.add([t('reports.repairs_programme'), null, null, programme.repairCost], true)
  maintenance.add([t('reports.repairs_connected'), null, null, connected.repairCost], true)
  maintenance.commit()
}
