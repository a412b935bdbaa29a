import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import VerifyLogin, { InvalidLoginError, LoginThrottledError } from '#actions/auth/verify_login'
import { loginValidator } from '#validators/auth'
import { actorFromContext, recordAudit } from '#services/audit'

export default class SessionController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/login')
  }

  async store(ctx: HttpContext) {
    const { request, response, session, auth, i18n } = ctx
    const payload = await request.validateUsing(loginValidator)
    try {
      const user = await VerifyLogin.handle({ ...payload, ip: request.ip() })
      await auth.use('web').login(user)
      await session.tag(String(user.id))
      user.lastLoginAt = DateTime.now()
      await user.save()
      await recordAudit({
        actor: actorFromContext(ctx, user),
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
      })
      return response.redirect('/')
    } catch (error) {
      if (error instanceof LoginThrottledError) {
        const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60))
        response.header('Retry-After', String(error.retryAfterSeconds))
        return response
          .status(429)
          .send(await ctx.view.render('pages/auth/login', { throttled: true, minutes }))
      }
      if (error instanceof InvalidLoginError) {
        session.flashExcept(['password', '_csrf'])
        session.flash('error', i18n.t('auth.invalid_credentials'))
        return response.redirect().toRoute('session.create')
      }
      throw error
    }
  }

  async destroy(ctx: HttpContext) {
    const { auth, response, session, i18n } = ctx
    const user = auth.user
    await auth.use('web').logout()
    if (user)
      await recordAudit({
        actor: actorFromContext(ctx, user),
        action: 'auth.logout',
        entityType: 'user',
        entityId: user.id,
      })
    session.flash('success', i18n.t('auth.logged_out'))
    return response.redirect().toRoute('session.create')
  }
}
