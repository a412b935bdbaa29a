/**
 * How two spellings of one donor are recognised: case, Vietnamese diacritics, "đ",
 * punctuation and spacing do not count ("Nguyễn Văn Á" = "nguyen van a").
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/**
 * A Vietnamese phone number reduced to its digits in the national form
 * ("+84 912 345 678" and "0912.345.678" are both "0912345678"). Empty stays null.
 */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null
  let digits = phone.replace(/\D+/g, '')
  if (digits.startsWith('84') && digits.length >= 11) digits = '0' + digits.slice(2)
  return digits.length > 0 ? digits : null
}
