import env from '#start/env'
import { Secret } from '@adonisjs/core/helpers'
import { defineConfig } from '@adonisjs/core/http'

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
  trustProxy: () => false,
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: process.env.COOKIE_SECURE === 'true',
    sameSite: 'lax',
  },
})
