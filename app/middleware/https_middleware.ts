import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** HSTS lifetime: 180 days, long enough to matter, short enough to recover from a mistake. */
export const HSTS_MAX_AGE_SECONDS = 180 * 24 * 60 * 60

/**
 * What "under HTTPS" changes, decided per request: a TLS socket of the built-in server, or
 * `X-Forwarded-Proto: https` from a proxy listed in TRUSTED_PROXIES (nobody else can claim
 * it). Then every cookie is marked Secure and Strict-Transport-Security is sent. Over plain
 * HTTP on the LAN neither is, so signing in over http:// keeps working and a browser is never
 * told to insist on an HTTPS that does not exist.
 */
export default class HttpsMiddleware {
  async handle({ request, response }: HttpContext, next: NextFn) {
    if (!request.secure()) return next()
    response.header('Strict-Transport-Security', `max-age=${HSTS_MAX_AGE_SECONDS}`)
    await next()
    const cookies = response.getHeader('set-cookie')
    if (cookies === undefined) return
    const secured = ([] as string[])
      .concat(cookies as string | string[])
      .map((cookie) => (/;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`))
    response.header('set-cookie', secured)
  }
}
