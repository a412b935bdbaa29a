import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** C0 control characters and DEL, except tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

function hasControl(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return CONTROL.test(value)
  if (depth > 8 || value === null || typeof value !== 'object') return false
  return Object.entries(value).some(([k, v]) => CONTROL.test(k) || hasControl(v, depth + 1))
}

/**
 * Refuses any form, query or JSON field holding control characters (a NUL byte cannot
 * even be stored by PostgreSQL; the others are never typed by a person): one clear
 * Vietnamese error, nothing written. Uploaded files are not fields and are checked by
 * their own rules.
 */
export default class RejectControlCharactersMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!hasControl(ctx.request.all())) return next()
    const message = ctx.i18n.t('app.control_characters')
    if (ctx.request.url().startsWith('/api/')) {
      return ctx.response.unprocessableEntity({
        errors: [{ message, code: 'E_CONTROL_CHARACTERS' }],
      })
    }
    ctx.session.flashExcept(['password', 'password_confirmation', '_csrf', '_method'])
    ctx.session.flash('error', message)
    return ctx.response.redirect().back()
  }
}
