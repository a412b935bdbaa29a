import { errors } from '@adonisjs/auth'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'

/** Routes a user with a one-time password may still open before choosing a new one. */
const ALLOWED_WHILE_PASSWORD_CHANGE_REQUIRED = new Set([
  'profile.password.edit',
  'profile.password.update',
  'session.destroy',
  'locale.update',
])

/**
 * Requires a signed-in, enabled user. A disabled account is signed out on its next
 * request (its sessions are also deleted when an admin disables it). A user holding a
 * one-time password is sent to choose a new one first.
 */
export default class AuthMiddleware {
  redirectTo = '/login'

  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: { guards?: (keyof Authenticators)[] } = {}
  ) {
    await ctx.auth.authenticateUsing(options.guards, { loginRoute: this.redirectTo })
    const user = ctx.auth.user!
    const guard = ctx.auth.authenticatedViaGuard

    if (user.isDisabled) {
      if (guard === 'web') await ctx.auth.use('web').logout()
      throw new errors.E_UNAUTHORIZED_ACCESS('Account disabled', {
        guardDriverName: guard === 'web' ? 'session' : 'access_tokens',
        redirectTo: this.redirectTo,
      })
    }

    // An API token of someone who must choose a new password works again only after they
    // have (on the web): a reset password never leaves an old token usable.
    if (guard !== 'web' && user.passwordChangeRequired) {
      return ctx.response.status(403).send({
        errors: [
          {
            message: ctx.i18n.t('errors.E_PASSWORD_CHANGE_REQUIRED'),
            code: 'E_PASSWORD_CHANGE_REQUIRED',
          },
        ],
      })
    }
    if (
      guard === 'web' &&
      user.passwordChangeRequired &&
      !ALLOWED_WHILE_PASSWORD_CHANGE_REQUIRED.has(ctx.route?.name ?? '')
    ) {
      return ctx.response.redirect().toRoute('profile.password.edit')
    }
    return next()
  }
}
