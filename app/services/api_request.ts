import type { HttpContext } from '@adonisjs/core/http'

/** JSON API requests live under /api/; they get JSON errors and bearer-token auth. */
export function isApiRequest(ctx: HttpContext) {
  return ctx.request.url().startsWith('/api/')
}
