import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#services/dates'
import { normalizeName } from '#services/text_match'

/** The largest single amount accepted (1,000 tỷ đồng): a typo guard, far above any gift. */
export const MAX_AMOUNT = 1_000_000_000_000

const UNITS: Record<string, number> = {
  tỷ: 1_000_000_000,
  tỉ: 1_000_000_000,
  ty: 1_000_000_000,
  ti: 1_000_000_000,
  triệu: 1_000_000,
  trieu: 1_000_000,
  tr: 1_000_000,
  nghìn: 1_000,
  nghin: 1_000,
  ngàn: 1_000,
  ngan: 1_000,
  k: 1_000,
}
const UNIT_PART =
  /^(\d+(?:[.,]\d+)?)\s*(tỷ|tỉ|triệu|trieu|tr|ty|ti|nghìn|nghin|ngàn|ngan|k)(?![a-zà-ỹ])\s*/u

/** "1,5" × 1,000,000 in integer arithmetic on the digits, never a float; null if not whole. */
function times(number: string, unit: number): number | null {
  const [whole, fraction = ''] = number.split(/[.,]/)
  const scale = 10 ** fraction.length
  if (unit % scale !== 0) return null
  return Number(whole) * unit + Number(fraction || '0') * (unit / scale)
}

/** A whole number written with one grouping mark (".", "," or space) or none. */
function grouped(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text)
  const match = /^\d{1,3}([., ])\d{3}(?:\1\d{3})*$/.exec(text)
  return match ? Number(text.replace(/[., ]/g, '')) : null
}

/**
 * An amount as treasurers write it: 5000000, "5.000.000", "5,000,000", "5 000 000 đ",
 * "5.000.000,00", "5,000,000.00", "5 triệu", "5tr", "1,5 triệu", "5 triệu 500" (5,500,000),
 * "5tr5", "2 tỷ 300 triệu", "500 nghìn", "500k". Returns whole đồng, or null when it is not
 * a positive whole amount or could be read two ways. Without a unit, "." and "," group
 * thousands (5.000 is five thousand đồng), and only a last ",00" / ".00" is a decimal part.
 */
export function parseAmount(input: unknown): number | null {
  if (typeof input === 'number') {
    return Number.isSafeInteger(input) && input > 0 && input <= MAX_AMOUNT ? input : null
  }
  if (typeof input !== 'string') return null
  let text = input
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  text = text.replace(/\s*(đồng|đ|dong|vnđ|vnd|d)\.?$/u, '').trim()

  let amount: number | null = null
  let rest = text
  let lastUnit = Infinity
  let total = 0
  for (let match = UNIT_PART.exec(rest); match; match = UNIT_PART.exec(rest)) {
    const unit = UNITS[match[2]]
    const part = unit < lastUnit ? times(match[1], unit) : null
    if (part === null) return null
    total += part
    lastUnit = unit
    rest = rest.slice(match[0].length)
  }
  if (lastUnit !== Infinity) {
    // A bare number after the last unit is the next unit down as people say it:
    // "5 triệu 500" = 5,500,000, "5tr5" = 5,500,000; two digits would be a guess.
    if (rest !== '') {
      if (!/^(\d|\d{3})$/.test(rest) || lastUnit < 1000) return null
      const scale = 10 ** rest.length
      total += (Number(rest) * lastUnit) / scale
    }
    amount = total
  } else {
    const decimals = /^(.+?)([.,])0{1,2}$/.exec(text)
    if (decimals && !decimals[1].includes(decimals[2])) amount = grouped(decimals[1])
    if (amount === null) amount = grouped(text)
  }
  return amount !== null && Number.isSafeInteger(amount) && amount > 0 && amount <= MAX_AMOUNT
    ? amount
    : null
}

const EXCEL_EPOCH = DateTime.fromISO('1899-12-30', { zone: 'utc' })

/** Day first (15/3/2026, 15-3-26, 15.03.2026) or year first (2026-03-15, 2026/3/15). */
const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/
const YEAR_FIRST = /^(\d{4})([/-])(\d{1,2})\2(\d{1,2})$/

/** Excel serials of 2000-01-01 and 2100-12-31: other numbers are not dates. */
const SERIAL_RANGE = [36526, 73415]

/**
 * A date as a calendar day `yyyy-mm-dd`: "15/03/2026", "15-3-2026", "15.03.2026", "15/3/26",
 * "2026-03-15", "ngày 15 tháng 3 năm 2026" (a time after it is ignored), an Excel serial day
 * number (46096 = 15/03/2026), or the Date exceljs gives for a date cell. Day first, as in
 * Vietnam. Returns null for anything else, including 31/02 or years outside 2000..2100.
 */
export function parseDay(input: unknown): string | null {
  let day: DateTime | null = null
  if (input instanceof Date) {
    // exceljs reads a date cell as midnight UTC of that calendar day.
    day = DateTime.fromJSDate(input, { zone: 'utc' })
  } else if (typeof input === 'number') {
    if (Number.isInteger(input) && input >= SERIAL_RANGE[0] && input <= SERIAL_RANGE[1]) {
      day = EXCEL_EPOCH.plus({ days: input })
    }
  } else if (typeof input === 'string') {
    let text = input
      .normalize('NFC')
      .trim()
      .replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '')
    if (/^\d{5}$/.test(text)) return parseDay(Number(text))
    const words = /^\d/.test(text)
      ? null
      : /^ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})$/.exec(normalizeName(text))
    if (words) text = `${words[1]}/${words[2]}/${words[3]}`
    const dayFirst = DAY_FIRST.exec(text)
    const yearFirst = dayFirst ? null : YEAR_FIRST.exec(text)
    if (dayFirst) {
      // Two-digit years are this century: "26" is 2026.
      const year = Number(dayFirst[4]) + (dayFirst[4].length === 2 ? 2000 : 0)
      day = DateTime.fromObject(
        { year, month: Number(dayFirst[3]), day: Number(dayFirst[1]) },
        { zone: DISPLAY_ZONE }
      )
    } else if (yearFirst) {
      day = DateTime.fromObject(
        { year: Number(yearFirst[1]), month: Number(yearFirst[3]), day: Number(yearFirst[4]) },
        { zone: DISPLAY_ZONE }
      )
    }
  }
  if (!day || !day.isValid || day.year < 2000 || day.year > 2100) return null
  return day.toISODate()
}
