import type { LineMessage } from '#services/donations/donation_list_parser'

/**
 * A line message's values as the treasurer reads them: a column or a method named in
 * words of the page's language, not by its code.
 */
export function importMessageParams(message: LineMessage, t: (key: string) => string) {
  const params: Record<string, string | number> = { ...(message.params ?? {}) }
  if (typeof params.column === 'string')
    params.column = t(`donation_import.column.${params.column}`)
  if (typeof params.method === 'string') params.method = t(`donations.methods.${params.method}`)
  return params
}
