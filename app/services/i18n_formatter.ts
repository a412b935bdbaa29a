import type { TranslationsFormatterContract } from '@adonisjs/i18n/types'

/**
 * The ICU formatter, remembering what a message without values comes out as. Every `t()`
 * builds and parses a new IntlMessageFormat; a page calls it for each label, heading and
 * column (a tenth of the dashboard's CPU under load, bench:web --profile). A message with
 * values (a count, a name) is still formatted each time.
 */
export function rememberingFormatter(
  icu: TranslationsFormatterContract
): TranslationsFormatterContract {
  const plain = new Map<string, string>()
  return {
    name: icu.name,
    format(message, locale, data) {
      if (data && Object.keys(data).length > 0) return icu.format(message, locale, data)
      const key = `${locale}\u0000${message}`
      let text = plain.get(key)
      if (text === undefined) {
        text = icu.format(message, locale, data)
        // Messages come from the language files: a bounded set.
        if (plain.size < 10_000) plain.set(key, text)
      }
      return text
    },
  }
}
