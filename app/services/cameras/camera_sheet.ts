import ExcelJS from 'exceljs'
import type Camera from '#models/camera'
import { CAMERA_STATUSES, type CameraStatus } from '#models/camera'
import { normalizeName } from '#services/text_match'
import { parseAmount, parseDay } from '#services/donations/import_values'
import { maskCredentials } from '#services/cameras/rtsp'
import { cellText, type CellValue } from '#services/donations/spreadsheet_file'

type Translate = (key: string, data?: Record<string, any>) => string

/** The columns of the camera list, in order: [field, header i18n key]. Never credentials. */
const COLUMNS = [
  ['code', 'cameras.code'],
  ['name', 'cameras.name'],
  ['location', 'cameras.location'],
  ['address', 'cameras.address_description'],
  ['status', 'cameras.status'],
  ['model', 'cameras.model'],
  ['serial', 'cameras.serial'],
  ['supplier', 'cameras.supplier'],
  ['installed', 'cameras.installed_on'],
  ['warranty', 'cameras.warranty_until'],
  ['cost', 'cameras.cost'],
  ['main', 'cameras.main_stream_url'],
  ['sub', 'cameras.sub_stream_url'],
  ['retention', 'cameras.retention_days'],
] as const

type Field = (typeof COLUMNS)[number][0]

/** The camera list as .xlsx (dates as text dd/mm/yyyy, cost numeric). */
export async function camerasWorkbook(cameras: Camera[], t: Translate): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet(t('cameras.title'))
  sheet.addRow(COLUMNS.map(([, key]) => t(key))).font = { bold: true }
  const dmy = (d: string | null) =>
    d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : null
  for (const c of cameras) {
    sheet.addRow([
      c.code,
      c.name,
      c.location?.name ?? '',
      c.addressDescription,
      t(`cameras.statuses.${c.status}`),
      c.model,
      c.serial,
      c.supplier,
      dmy(c.installedOn),
      dmy(c.warrantyUntil),
      c.cost,
      c.mainStreamUrl ? maskCredentials(c.mainStreamUrl) : null,
      c.subStreamUrl ? maskCredentials(c.subStreamUrl) : null,
      c.retentionDays,
    ])
  }
  sheet.getColumn(11).numFmt = '#,##0'
  sheet.columns.forEach((col) => (col.width = 18))
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await book.xlsx.writeBuffer())
}

export interface CameraSheetRow {
  rowNumber: number
  code: string
  name: string
  location: string
  address: string | null
  status: CameraStatus
  model: string | null
  serial: string | null
  supplier: string | null
  installedOn: string | null
  warrantyUntil: string | null
  cost: number | null
  mainStreamUrl: string | null
  subStreamUrl: string | null
  retentionDays: number | null
  errors: string[]
}

/**
 * Reads a camera list in the export's layout (headers in either language). Each row gets
 * its errors as i18n keys under `cameras.import.`; the status may be written in words
 * ("Đang hoạt động") or as its code ("active").
 */
export function parseCameraSheet(rows: CellValue[][], t: { vi: Translate; en: Translate }) {
  const text = cellText
  const header = (rows[0] ?? []).map((c) => normalizeName(text(c)))
  const index: Partial<Record<Field, number>> = {}
  for (const [field, key] of COLUMNS) {
    const names = [normalizeName(t.vi(key)), normalizeName(t.en(key)), field]
    const at = header.findIndex((h) => names.includes(h))
    if (at >= 0) index[field] = at
  }
  const missing = (['code', 'name', 'location', 'status'] as Field[]).filter(
    (f) => index[f] === undefined
  )
  const statusByWord = new Map<string, CameraStatus>()
  for (const s of CAMERA_STATUSES) {
    statusByWord.set(s, s)
    statusByWord.set(normalizeName(t.vi(`cameras.statuses.${s}`)), s)
    statusByWord.set(normalizeName(t.en(`cameras.statuses.${s}`)), s)
  }
  const out: CameraSheetRow[] = []
  if (missing.length) return { missing, rows: out }
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i] ?? []
    if (!cells.some((c) => text(c) !== '')) continue
    const get = (f: Field) => (index[f] === undefined ? '' : text(cells[index[f]!]))
    const errors: string[] = []
    const code = get('code').toUpperCase()
    if (!/^[A-Z0-9][A-Z0-9-]{1,19}$/.test(code)) errors.push('bad_code')
    const name = get('name')
    if (name.length < 2 || name.length > 200) errors.push('bad_name')
    const status = statusByWord.get(normalizeName(get('status')))
    if (!status) errors.push('bad_status')
    const day = (f: Field) => {
      const raw = index[f] === undefined ? null : (cells[index[f]!] ?? null)
      if (raw === null || text(raw) === '') return null
      const parsed = parseDay(raw)
      if (!parsed) errors.push(`bad_${f}`)
      return parsed
    }
    const costText = get('cost')
    const cost = costText
      ? parseAmount(index.cost === undefined ? null : (cells[index.cost] as any))
      : null
    if (costText && cost === null) errors.push('bad_cost')
    const url = (f: Field) => {
      const v = get(f)
      if (!v) return null
      if (!/^rtsps?:\/\/\S+$/i.test(v) || v.length > 500) errors.push(`bad_${f}`)
      return v
    }
    const retentionText = get('retention')
    const retention = retentionText ? Number(retentionText) : null
    if (retention !== null && (!Number.isInteger(retention) || retention < 1 || retention > 3650)) {
      errors.push('bad_retention')
    }
    out.push({
      rowNumber: i + 1,
      code,
      name,
      location: get('location'),
      address: get('address') || null,
      status: status ?? 'planned',
      model: get('model') || null,
      serial: get('serial') || null,
      supplier: get('supplier') || null,
      installedOn: day('installed'),
      warrantyUntil: day('warranty'),
      cost,
      mainStreamUrl: url('main'),
      subStreamUrl: url('sub'),
      retentionDays: retention,
      errors,
    })
  }
  return { missing, rows: out }
}
