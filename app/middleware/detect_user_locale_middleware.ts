import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'
import { isApiRequest } from '#services/api_request'

export const LOCALE_COOKIE = 'locale'

/**
 * Vietnamese unless the person chose English: the signed-in user's saved choice, else the
 * choice remembered in a cookie (login page). The browser's Accept-Language is ignored
 * for pages (a borrowed English-language browser must still show Vietnamese); the API
 * honours it, since a script asks for the language it wants.
 */
export default class DetectUserLocaleMiddleware {
  static {
    RequestValidator.messagesProvider = (ctx) => ctx.i18n.createMessagesProvider()
  }

  protected async locale(ctx: HttpContext): Promise<string> {
    if (isApiRequest(ctx)) {
      const header = ctx.request.header('accept-language')
      return (header && i18nManager.getSupportedLocaleFor(ctx.request.languages())) || 'vi'
    }
    // auth.check() (not the guard's) so that pages outside `auth` also know who is signed in.
    if (await ctx.auth.check()) return ctx.auth.user!.locale
    const remembered = ctx.request.plainCookie(LOCALE_COOKIE)
    return i18nManager.supportedLocales().includes(remembered) ? remembered : 'vi'
  }

  async handle(ctx: HttpContext, next: NextFn) {
    const locale = await this.locale(ctx)
    ctx.i18n = i18nManager.locale(locale)
    ctx.containerResolver.bindValue(I18n, ctx.i18n)
    if ('view' in ctx) ctx.view.share({ i18n: ctx.i18n, locale })
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}
