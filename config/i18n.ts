import app from '@adonisjs/core/services/app'
import { defineConfig, formatters, loaders } from '@adonisjs/i18n'

/**
 * Vietnamese first; English is the second language. Files in resources/lang/<locale>.
 */
const i18nConfig = defineConfig({
  defaultLocale: 'vi',
  supportedLocales: ['vi', 'en'],
  fallbackLocales: { en: 'vi' },
  formatter: formatters.icu(),
  loaders: [loaders.fs({ location: app.languageFilesPath() })],
})

export default i18nConfig
