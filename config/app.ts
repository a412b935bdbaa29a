import env from '#start/env'
import { Secret } from '@adonisjs/core/helpers'
import { defineConfig } from '@adonisjs/core/http'
import proxyAddr from 'proxy-addr'

/**
 * The application key encrypts cookies, sessions and camera passwords at rest.
 * Keep it with the database backup: without it stored camera passwords cannot be read.
 */
export const appKey = new Secret(env.get('APP_KEY'))

/**
 * Plain HTTP on the LAN by default; HTTPS by the built-in server (TLS_CERT_PATH, TLS_KEY_PATH)
 * or a reverse proxy listed in TRUSTED_PROXIES. See docs/operations.md.
 */
export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: false,
  // Whose X-Forwarded-For is believed: TRUSTED_PROXIES (addresses, ranges or the names
  // loopback, linklocal, uniquelocal; default loopback), so limits and the audit log see the
  // client's address behind a reverse proxy, and nobody else can claim another address.
  trustProxy: proxyAddr.compile(
    (env.get('TRUSTED_PROXIES') ?? 'loopback')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
  ),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    // Secure is added per request under HTTPS (#middleware/https_middleware).
    secure: false,
    sameSite: 'lax',
  },
})
