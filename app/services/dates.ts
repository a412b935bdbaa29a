import { DateTime } from 'luxon'

/** Times are stored in UTC and shown in the commune's time zone. */
export const DISPLAY_ZONE = 'Asia/Ho_Chi_Minh'

type DateInput = DateTime | Date | string | number | null | undefined

function toDateTime(value: DateInput): DateTime | null {
  if (value === null || value === undefined) return null
  const dt =
    value instanceof DateTime
      ? value
      : value instanceof Date
        ? DateTime.fromJSDate(value)
        : typeof value === 'number'
          ? DateTime.fromMillis(value)
          : DateTime.fromISO(value, { zone: 'utc' })
  return dt.isValid ? dt.setZone(DISPLAY_ZONE) : null
}

/** `dd/mm/yyyy` in Asia/Ho_Chi_Minh. */
export function formatDate(value: DateInput): string {
  // A calendar day (`2026-12-05`) is that day wherever it is shown: no time zone to apply.
  // The dashboard's coverage strips format hundreds of them per page, and luxon's zone
  // arithmetic was most of the page's CPU (bench:web --profile).
  if (typeof value === 'string' && value.length === 10) {
    const day = ISO_DAY.exec(value)
    if (day && day[2] >= '01' && day[2] <= '12' && day[3] >= '01' && day[3] <= '31') {
      return `${day[3]}/${day[2]}/${day[1]}`
    }
  }
  return toDateTime(value)?.toFormat('dd/MM/yyyy') ?? ''
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** `dd/mm/yyyy HH:mm` in Asia/Ho_Chi_Minh. */
export function formatDateTime(value: DateInput): string {
  return toDateTime(value)?.toFormat('dd/MM/yyyy HH:mm') ?? ''
}

/** `dd/mm/yyyy HH:mm:ss` in Asia/Ho_Chi_Minh (audit log, footage times). */
export function formatDateTimeSeconds(value: DateInput): string {
  return toDateTime(value)?.toFormat('dd/MM/yyyy HH:mm:ss') ?? ''
}

/** A length of footage as `1:02:03` (hours) or `2:03` (minutes), from milliseconds. */
export function formatDuration(ms: number): string {
  const total = Math.round(Math.max(0, ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/**
 * Parses a date typed as `dd/mm/yyyy` (or `yyyy-mm-dd` from a date input) as a calendar
 * day in the commune's time zone. Returns null when it is not a real date.
 */
export function parseDisplayDate(text: string): DateTime | null {
  const trimmed = text.trim()
  const formats = ['d/M/yyyy', 'yyyy-MM-dd']
  for (const format of formats) {
    const dt = DateTime.fromFormat(trimmed, format, { zone: DISPLAY_ZONE })
    if (dt.isValid) return dt
  }
  return null
}

/**
 * The UTC instant at which the calendar day of `date` (as picked in a form) starts in the
 * commune's time zone, `plusDays` later. For "from"/"to" filters on stored UTC times.
 */
export function startOfDisplayDay(date: Date, plusDays = 0): Date {
  const day = DateTime.fromObject(
    { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() },
    { zone: DISPLAY_ZONE }
  )
  return day.plus({ days: plusDays }).toJSDate()
}

/**
 * The start of a commune day, as a DateTime in the commune's zone: of a `yyyy-mm-dd` day, or
 * of the day an instant falls on there. Every "day" in reports, coverage and playback is
 * this one (midnight in Asia/Ho_Chi_Minh, never the server's or UTC's).
 */
export function communeDay(day: string | Date | DateTime): DateTime {
  const dt =
    typeof day === 'string'
      ? DateTime.fromISO(day, { zone: DISPLAY_ZONE })
      : (day instanceof Date ? DateTime.fromJSDate(day) : day).setZone(DISPLAY_ZONE)
  return dt.startOf('day')
}

/** Today's calendar day in the commune, `yyyy-mm-dd`. */
export function todayIso(): string {
  return DateTime.now().setZone(DISPLAY_ZONE).toISODate()!
}

/** A length of time in words: `45 giây`, `3 phút 20 giây`, `17 giờ 59 phút`, `2 ngày 3 giờ`. */
export function formatLength(ms: number, locale: 'vi' | 'en' = 'vi'): string {
  const u =
    locale === 'en'
      ? { d: 'd', h: 'h', m: 'min', s: 's' }
      : { d: 'ngày', h: 'giờ', m: 'phút', s: 'giây' }
  const total = Math.round(Math.max(0, ms) / 1000)
  const d = Math.floor(total / 86400)
  const h = Math.floor((total % 86400) / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (d > 0) return h ? `${d} ${u.d} ${h} ${u.h}` : `${d} ${u.d}`
  if (h > 0) return m ? `${h} ${u.h} ${m} ${u.m}` : `${h} ${u.h}`
  if (m > 0) return s ? `${m} ${u.m} ${s} ${u.s}` : `${m} ${u.m}`
  return `${s} ${u.s}`
}
