/**
 * Money is whole đồng (no minor unit), stored in bigint columns and handled as JS
 * integers only while they are safe integers. Never floats, never Postgres `money`.
 */

const groupFormatter = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 })

/**
 * Parses a PostgreSQL int8 text value. Throws rather than silently losing precision.
 */
export function parseBigint(value: string): number {
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed)) {
    throw new RangeError(`Giá trị ${value} vượt quá giới hạn số nguyên an toàn`)
  }
  return parsed
}

/**
 * `118500000` -> `118.500.000 đ`. The space before "đ" is a non-breaking space
 * (U+00A0) so the unit never wraps onto its own line.
 */
export function formatMoney(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return ''
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Số tiền không hợp lệ: ${amount}`)
  return `${groupFormatter.format(amount)}\u00a0đ`
}

/** `118500000` -> `118.500.000` (for tables whose header already says "đồng"). */
export function formatNumber(value: number): string {
  return groupFormatter.format(value)
}

/**
 * A share (0..1) as people say it: a whole percent, never `0.0%`. A share that is not
 * quite full never reads 100 %, and a small one never reads 0 %.
 */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—'
  if (share > 0 && share < 0.01) return '<1%'
  if (share < 1 && share > 0.99) return '99%'
  return `${Math.round(share * 100)}%`
}

/** Hours as people say them: `2,5` under ten, whole hours above (`681`), vi-VN commas. */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '—'
  const digits = Math.abs(hours) < 10 ? 1 : 0
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits }).format(hours)
}
