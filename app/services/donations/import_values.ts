import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#services/dates'

/** The largest single amount accepted (1,000 tỷ đồng): a typo guard, far above any gift. */
export const MAX_AMOUNT = 1_000_000_000_000

const UNITS: Array<[RegExp, number]> = [
  [/(tỷ|tỉ|ty|ti)$/, 1_000_000_000],
  [/(triệu|trieu|tr)$/, 1_000_000],
  [/(nghìn|nghin|ngàn|ngan|k)$/, 1_000],
]

/**
 * An amount as treasurers write it: 5000000, "5.000.000", "5,000,000", "5 000 000 đ",
 * "5000000 VNĐ", "5 triệu", "1,5 triệu", "500 nghìn", "2 tỷ". Returns whole đồng, or null
 * when it is not a positive whole amount. Without a unit, "." and "," only group
 * thousands (5.000 is five thousand đồng); with a unit, one of them may mark decimals.
 */
export function parseAmount(input: unknown): number | null {
  if (typeof input === 'number') {
    return Number.isSafeInteger(input) && input > 0 && input <= MAX_AMOUNT ? input : null
  }
  if (typeof input !== 'string') return null
  let text = input
    .normalize('NFC')
    .toLowerCase()
    .replace(/\u00a0/g, ' ')
    .trim()
  text = text.replace(/\s*(đồng|đ|dong|vnđ|vnd|d)\.?$/u, '').trim()

  let multiplier = 1
  for (const [pattern, value] of UNITS) {
    if (pattern.test(text)) {
      multiplier = value
      text = text.replace(pattern, '').trim()
      break
    }
  }

  let amount: number
  if (multiplier === 1) {
    if (!/^\d{1,3}([., ]\d{3})*$/.test(text) && !/^\d+$/.test(text)) return null
    amount = Number(text.replace(/[., ]/g, ''))
  } else {
    const match = /^(\d+)(?:[.,](\d+))?$/.exec(text)
    if (!match) return null
    const whole = Number(match[1])
    const fraction = match[2] ?? ''
    // Integer arithmetic on the digits: "1,5 triệu" is 15 × 100,000, never a float.
    const scale = 10 ** fraction.length
    if (multiplier % scale !== 0) return null
    amount = whole * multiplier + Number(fraction || '0') * (multiplier / scale)
  }
  return Number.isSafeInteger(amount) && amount > 0 && amount <= MAX_AMOUNT ? amount : null
}

const EXCEL_EPOCH = DateTime.fromISO('1899-12-30', { zone: 'utc' })

/**
 * A date as a calendar day `yyyy-mm-dd`: "dd/mm/yyyy" (also with - or .), "yyyy-mm-dd",
 * an Excel serial day number (45366 = 15/03/2024), or the Date exceljs gives for a cell
 * formatted as a date. Returns null for anything else, including 31/02 or years outside
 * 2000..2100.
 */
export function parseDay(input: unknown): string | null {
  let day: DateTime | null = null
  if (input instanceof Date) {
    // exceljs reads a date cell as midnight UTC of that calendar day.
    day = DateTime.fromJSDate(input, { zone: 'utc' })
  } else if (typeof input === 'number') {
    if (Number.isInteger(input) && input > 0) day = EXCEL_EPOCH.plus({ days: input })
  } else if (typeof input === 'string') {
    const text = input.trim()
    if (/^\d{5}$/.test(text)) return parseDay(Number(text))
    for (const format of ['d/M/yyyy', 'd-M-yyyy', 'd.M.yyyy', 'yyyy-MM-dd']) {
      const parsed = DateTime.fromFormat(text, format, { zone: DISPLAY_ZONE })
      if (parsed.isValid) {
        day = parsed
        break
      }
    }
  }
  if (!day || !day.isValid || day.year < 2000 || day.year > 2100) return null
  return day.toISODate()
}
