import type { HttpContext } from '@adonisjs/core/http'
import VerifyLogin, { InvalidLoginError, LoginThrottledError } from '#actions/auth/verify_login'
import IssueApiToken from '#actions/auth/issue_api_token'
import { loginValidator } from '#validators/auth'
import { actorFromContext } from '#services/audit'
import RevokeApiToken from '#actions/auth/revoke_api_token'

/** POST /api/v1/auth/token and DELETE /api/v1/auth/token. */
export default class AuthTokensController {
  async store(ctx: HttpContext) {
    const { request, response, i18n } = ctx
    const payload = await request.validateUsing(loginValidator)
    const fail = (status: number, code: string, message: string) =>
      response.status(status).send({ errors: [{ message, code }] })
    try {
      const user = await VerifyLogin.handle({ ...payload, ip: request.ip() })
      if (user.passwordChangeRequired) {
        return fail(403, 'E_PASSWORD_CHANGE_REQUIRED', i18n.t('auth.password_change_required'))
      }
      const actor = actorFromContext(ctx, user)
      const name = `API ${request.header('user-agent')?.slice(0, 40) ?? ''}`.trim()
      const { token, expiresAt } = await IssueApiToken.handle({ user, name, actor })
      return response.status(201).send({ token, type: 'bearer', expiresAt })
    } catch (error) {
      if (error instanceof LoginThrottledError) {
        response.header('Retry-After', String(error.retryAfterSeconds))
        const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60))
        return fail(429, 'E_TOO_MANY_REQUESTS', i18n.t('auth.throttled', { minutes }))
      }
      if (error instanceof InvalidLoginError) {
        return fail(401, 'E_INVALID_CREDENTIALS', i18n.t('auth.invalid_credentials'))
      }
      throw error
    }
  }

  /** Revokes the token used for this request. */
  async destroy(ctx: HttpContext) {
    const user = ctx.auth.use('api').user!
    const tokenId = Number(user.currentAccessToken.identifier)
    await RevokeApiToken.handle({ user, tokenId, actor: actorFromContext(ctx) })
    return ctx.response.noContent()
  }
}
