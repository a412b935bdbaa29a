/**
 * CSV for spreadsheets: RFC 4180 quoting, UTF-8 with a BOM (so Excel shows Vietnamese),
 * CRLF line ends, and text cells that a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) prefixed with an apostrophe. Numbers stay numbers.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  let text = value
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  if (/[",;\r\n]/.test(text) || text !== text.trim()) text = `"${text.replace(/"/g, '""')}"`
  return text
}

export function toCsv(rows: Array<Array<string | number | null | undefined>>): string {
  return '\ufeff' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
