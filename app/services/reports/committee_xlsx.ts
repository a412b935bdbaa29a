import { formatDate } from '#services/dates'
import ExcelJS from 'exceljs'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#services/dates'
import { periodBounds, type CommitteeFigures } from '#services/reports/committee_figures'
import {
  coverageIntervals,
  dailyCoverage,
  dayBounds,
  inServiceSince,
} from '#services/footage/coverage'

type Translate = (key: string, data?: Record<string, any>) => string

interface Column {
  header: string
  width: number
  style?: 'money' | 'percent' | 'number' | 'date'
}

const FORMATS = { money: '#,##0', percent: '0%', number: '#,##0', date: 'dd/mm/yyyy' }
/** Rows are read in pages of this many: memory stays flat however long the lists grow. */
const PAGE = 5000

/** A sheet with a bold, frozen header row, widths and number formats per column. */
function addSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[]) {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width,
    style: c.style ? { numFmt: FORMATS[c.style] } : {},
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  let rows = 1
  return {
    add(values: unknown[], bold = false) {
      const row = sheet.addRow(values)
      if (bold) row.font = { bold: true }
      row.commit()
      rows++
    },
    /** A SUM row under the data for the given 0-based columns, with its value cached. */
    total(label: string, sums: Record<number, number>, width: number) {
      const values: unknown[] = Array.from({ length: width }, () => null)
      values[0] = label
      for (const [col, result] of Object.entries(sums)) {
        const letter = String.fromCharCode(65 + Number(col))
        values[Number(col)] = rows > 1 ? { formula: `SUM(${letter}2:${letter}${rows})`, result } : 0
      }
      this.add(values, true)
    },
    commit: () => sheet.commit(),
  }
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toJSDate()

/**
 * The committee's workbook, written as a stream (exceljs WorkbookWriter): each row is
 * committed as soon as it is written, and long lists are read page by page, so 100,000
 * rows cost no more memory than 100. Sheets: Tổng hợp, Quỹ, Danh sách ủng hộ, Chi phí, Camera,
 * Bảo trì, Ghi hình, Trích xuất.
 */
export async function writeCommitteeWorkbook(
  figures: CommitteeFigures,
  target: { filename: string } | { stream: import('node:stream').Writable },
  t: Translate
) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useStyles: true })
  book.creator = 'Mắt ghi hình camera an ninh'
  const { period, money } = figures

  // Tổng hợp: the money section as the original report states it.
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

  // Quỹ: each fund apart, up to the end of the period, and every fund together.
  const funds = addSheet(book, 'Quỹ', [
    { header: t('funds.name'), width: 40 },
    { header: t('budget.raised'), width: 18, style: 'money' },
    { header: t('budget.paid'), width: 18, style: 'money' },
    { header: t('reports.fund_balance'), width: 22, style: 'money' },
  ])
  for (const f of money.funds) funds.add([f.fundName, f.raised, f.paid, f.balance])
  funds.total(t('funds.all_funds'), { 1: money.raised, 2: money.spent, 3: money.balance }, 4)
  funds.commit()

  // Danh sách ủng hộ: every donor with what they gave up to the end of the period.
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

  // Chi phí: paid expenses with their documents.
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

  // Camera: per camera, location, status, host household, coverage in the period.
  const cams = addSheet(book, 'Camera', [
    { header: t('reports.code'), width: 12 },
    { header: t('reports.camera'), width: 30 },
    { header: t('reports.location'), width: 24 },
    { header: t('reports.status'), width: 14 },
    { header: t('reports.household'), width: 26 },
    { header: t('reports.coverage'), width: 12, style: 'percent' },
  ])
  for (const c of figures.cameras) {
    cams.add([
      c.code,
      c.name,
      c.location,
      t(`cameras.statuses.${c.status}`),
      c.household,
      c.coverage ?? t('cameras.health.not_installed'),
    ])
  }
  cams.add([t('reports.total'), figures.cameras.length, null, null, null, null], true)
  cams.commit()

  // Bảo trì: tickets opened in the period, costs, and MTTR/MTBF.
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
  maintenance.commit()

  // Ghi hình: share of each day recorded, per camera (cameras read in pages).
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

  // Trích xuất: evidence cases by type.
  const evidence = addSheet(book, 'Trích xuất', [
    { header: t('reports.case_type'), width: 28 },
    { header: t('reports.cases'), width: 12, style: 'number' },
  ])
  for (const e of figures.evidence) evidence.add([t(`evidence.types.${e.type}`), e.cases])
  evidence.total(t('reports.total'), { 1: figures.evidence.reduce((s, e) => s + e.cases, 0) }, 2)
  evidence.commit()

  await book.commit()
}
