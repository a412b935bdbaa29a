/**
 * Vietnamese reading of a whole-đồng amount for receipts:
 * 118500000 -> "Một trăm mười tám triệu năm trăm nghìn đồng".
 * Follows the usual rules: "mốt" (21), "lăm" (15, 25), "mười" (10-19), "linh" (105),
 * "không trăm" inside a number (1 005 000 -> "một triệu không trăm linh năm nghìn").
 */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín']
const SCALES = ['', 'nghìn', 'triệu']

function readTriple(n: number, full: boolean): string {
  const hundreds = Math.floor(n / 100)
  const tens = Math.floor((n % 100) / 10)
  const units = n % 10
  const words: string[] = []
  if (full || hundreds > 0) words.push(DIGITS[hundreds], 'trăm')
  if (tens === 0) {
    if (units > 0 && (full || hundreds > 0)) words.push('linh')
  } else if (tens === 1) {
    words.push('mười')
  } else {
    words.push(DIGITS[tens], 'mươi')
  }
  if (units === 0) return words.join(' ')
  if (units === 1 && tens >= 2) words.push('mốt')
  else if (units === 5 && tens >= 1) words.push('lăm')
  else if (units === 4 && tens >= 2) words.push('tư')
  else words.push(DIGITS[units])
  return words.join(' ')
}

/** Reads a non-negative safe integer in Vietnamese words (lower case, no unit). */
export function numberToVietnameseWords(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Số không hợp lệ: ${value}`)
  if (value === 0) return 'không'
  // Split into groups of three digits, lowest first.
  const groups: number[] = []
  for (let rest = value; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000)

  const parts: string[] = []
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i]
    if (group === 0) continue
    // Scales repeat every three groups: nghìn, triệu, tỷ, nghìn tỷ, triệu tỷ, tỷ tỷ...
    const scale = [SCALES[i % 3], ...Array(Math.floor(i / 3)).fill('tỷ')].filter(Boolean).join(' ')
    parts.push(`${readTriple(group, i !== groups.length - 1)} ${scale}`.trim())
  }
  return parts.join(' ').replace(/\s+/g, ' ')
}

/** "Một trăm mười tám triệu năm trăm nghìn đồng" (capitalised, with the unit). */
export function amountInWords(amount: number): string {
  const negative = amount < 0
  const words = numberToVietnameseWords(Math.abs(amount))
  const sentence = `${negative ? 'âm ' : ''}${words} đồng`
  return sentence.charAt(0).toUpperCase() + sentence.slice(1)
}
