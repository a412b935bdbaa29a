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
