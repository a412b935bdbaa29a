import type { CommitteeFigures } from '#services/reports/committee_figures'
import { upkeepForecast } from '#services/reports/upkeep_forecast'
import { type Book, type Translate, addSheet, day } from '#services/reports/sheets/sheet_writer'

/**
 * Duy trì: last year's upkeep up to the period's end, next year's forecast and the
 * contribution per household (the latest scheme's households), then the rows they sum.
 */
export async function writeUpkeepSheet(book: Book, figures: CommitteeFigures, t: Translate) {
  const u = await upkeepForecast({ asOf: figures.period.to })
  const sheet = addSheet(book, 'Duy trì', [
    { header: t('upkeep.item'), width: 44 },
    { header: t('upkeep.amount'), width: 18, style: 'money' },
    { header: t('expenses.spent_on'), width: 12, style: 'date' },
    { header: t('expenses.description'), width: 50 },
  ])
  sheet.add([t('upkeep.last_year'), null], true)
  sheet.add([t('upkeep.repairs'), u.last.repairs])
  sheet.add([t('upkeep.support'), u.last.support])
  sheet.add([t('upkeep.other'), u.last.other])
  sheet.add([t('upkeep.total'), u.last.total], true)
  sheet.add([t('upkeep.camera_years'), Math.round(u.cameraYears * 100) / 100])
  sheet.add([t('upkeep.per_camera_year'), u.perCameraYear])
  sheet.add([t('upkeep.failures'), u.failures])
  sheet.add([t('upkeep.next_year'), null], true)
  sheet.add([t('upkeep.repairs'), u.forecast.repairs])
  sheet.add([t('upkeep.support'), u.forecast.support])
  sheet.add([t('upkeep.other'), u.forecast.other])
  sheet.add([t('upkeep.forecast_total'), u.forecast.total], true)
  sheet.add([t('upkeep.households'), u.households])
  sheet.add([t('upkeep.per_household'), u.perHousehold], true)
  sheet.add([null])
  sheet.add([t('upkeep.rows'), null], true)
  for (const r of u.rows) {
    const kind = t(`upkeep.kinds.${r.kind}`) + (r.cameraCode ? ` · ${r.cameraCode}` : '')
    sheet.add([
      r.connected ? `${kind} (${t('upkeep.connected')})` : kind,
      r.amount,
      day(r.spentOn),
      r.description,
    ])
  }
  sheet.commit()
}
