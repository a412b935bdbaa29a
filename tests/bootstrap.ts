import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import { browserClient } from '@japa/browser-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { authBrowserClient } from '@adonisjs/auth/plugins/browser_client'
import { chromium } from 'playwright-core'

/**
 * Real Chromium from Debian's package (installed by .ci/run), driven by playwright-core:
 * no browser download. Flags keep it off the network (this machine has none).
 */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  browserClient({
    runInSuites: ['browser'],
    launcher: (config) =>
      chromium.launch({
        ...config,
        executablePath: CHROMIUM_PATH,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
          // The commune's browsers are Vietnamese (Accept-Language vi-VN).
          '--lang=vi-VN',
        ],
      }),
  }),
  sessionBrowserClient(app),
  authBrowserClient(app),
]

/**
 * Migrate the test database (DB_DATABASE from .env.test, never the dev one) from scratch
 * before the run and roll it back after.
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [() => testUtils.db().migrate()],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional', 'reliability'].includes(suite.name)) {
    // Rate-limit counters live outside the test transactions: start every test at zero.
    suite.onGroup((group) => group.each.setup(() => clearRateLimits()))
    return suite.setup(() => testUtils.httpServer().start())
  }
}

async function clearRateLimits() {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  await db.connection('limiter').from('rate_limits').delete()
}
