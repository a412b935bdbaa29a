import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import ChangeOwnPassword, { WrongCurrentPasswordError } from '#actions/users/change_own_password'
import IssueApiToken from '#actions/auth/issue_api_token'
import RevokeApiToken from '#actions/auth/revoke_api_token'
import { changePasswordValidator } from '#validators/user'
import { createTokenValidator } from '#validators/auth'
import { actorFromContext } from '#services/audit'

/** The signed-in user's own page: language, password, API tokens. */
export default class ProfileController {
  async show({ view, auth }: HttpContext) {
    const tokens = await User.accessTokens.all(auth.user!)
    return view.render('pages/profile/show', { tokens })
  }

  async editPassword({ view }: HttpContext) {
    return view.render('pages/profile/password')
  }

  async updatePassword(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(changePasswordValidator)
    // The forced first change ends on the dashboard, where the person's work starts.
    const wasForced = ctx.auth.user!.passwordChangeRequired
    try {
      await ChangeOwnPassword.handle({
        ...payload,
        userId: ctx.auth.user!.id,
        actor: actorFromContext(ctx),
      })
    } catch (error) {
      if (!(error instanceof WrongCurrentPasswordError)) throw error
      ctx.session.flashErrors({ currentPassword: ctx.i18n.t('profile.wrong_current_password') })
      return ctx.response.redirect().back()
    }
    ctx.session.flash('success', ctx.i18n.t('profile.password_changed'))
    return ctx.response.redirect().toRoute(wasForced ? 'dashboard' : 'profile.show')
  }

  async storeToken(ctx: HttpContext) {
    const { name } = await ctx.request.validateUsing(createTokenValidator)
    const { token } = await IssueApiToken.handle({
      user: ctx.auth.user!,
      name,
      actor: actorFromContext(ctx),
    })
    ctx.session.flash('success', ctx.i18n.t('profile.token_created'))
    ctx.session.flash('newToken', token)
    return ctx.response.redirect().toRoute('profile.show')
  }

  async destroyToken(ctx: HttpContext) {
    const revoked = await RevokeApiToken.handle({
      user: ctx.auth.user!,
      tokenId: Number(ctx.params.id),
      actor: actorFromContext(ctx),
    })
    ctx.session.flash(
      revoked ? 'success' : 'error',
      ctx.i18n.t(revoked ? 'profile.token_revoked' : 'profile.token_not_found')
    )
    return ctx.response.redirect().toRoute('profile.show')
  }
}
