import type { HttpContext } from '@adonisjs/core/http'
import { localeValidator } from '#validators/auth'
import { LOCALE_COOKIE } from '#middleware/detect_user_locale_middleware'
import { actorFromContext, recordAudit } from '#services/audit'

/** The header's language switch: remembered on the account, or in a cookie before login. */
export default class LocaleController {
  async update(ctx: HttpContext) {
    const { request, response, auth } = ctx
    const { locale } = await request.validateUsing(localeValidator)
    response.plainCookie(LOCALE_COOKIE, locale, { maxAge: '365 days' })
    if (await auth.use('web').check()) {
      const user = auth.use('web').user!
      if (user.locale !== locale) {
        const before = { locale: user.locale }
        user.locale = locale
        await user.save()
        await recordAudit({
          actor: actorFromContext(ctx),
          action: 'user.set_locale',
          entityType: 'user',
          entityId: user.id,
          before,
          after: { locale },
        })
      }
    }
    return response.redirect().back()
  }
}
