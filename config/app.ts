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
 * The monitoring centre serves plain HTTP on its LAN by default; set COOKIE_SECURE
 * behind an HTTPS reverse proxy.
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
    secure: process.env.COOKIE_SECURE === 'true',
    sameSite: 'lax',
  },
})
