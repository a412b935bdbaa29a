import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import { defineConfig, formatters, loaders } from '@adonisjs/i18n'
import type { FormatterFactory, I18nManagerConfig } from '@adonisjs/i18n/types'
import { rememberingFormatter } from '#services/i18n_formatter'

/**
 * Vietnamese first; English is the second language. Files in resources/lang/<locale>.
 */
const i18nConfig = defineConfig({
  defaultLocale: 'vi',
  supportedLocales: ['vi', 'en'],
  fallbackLocales: { en: 'vi' },
  // ICU, with messages that take no values remembered once formatted (rememberingFormatter).
  formatter: configProvider.create(async (app) => {
    const icu = await configProvider.resolve<FormatterFactory>(app, formatters.icu())
    return (config: I18nManagerConfig) => rememberingFormatter(icu!(config))
  }),
  loaders: [loaders.fs({ location: app.languageFilesPath() })],
})

export default i18nConfig
