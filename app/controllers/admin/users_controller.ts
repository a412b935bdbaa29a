import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import CreateUser from '#actions/users/create_user'
import UpdateUser, { LastAdminError } from '#actions/users/update_user'
import SetUserDisabled from '#actions/users/set_user_disabled'
import ResetUserPassword from '#actions/users/reset_user_password'
import { createUserValidator, updateUserValidator } from '#validators/user'
import { actorFromContext } from '#services/audit'
import { ROLES } from '#services/roles'

/** Admin pages: accounts, roles, disabling, password resets. */
export default class UsersController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('viewList')
    const users = await User.query().orderBy('disabled_at', 'desc').orderBy('full_name')
    return view.render('pages/admin/users/index', { users })
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('create')
    return view.render('pages/admin/users/create', { roles: ROLES })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('UserPolicy').authorize('create')
    const payload = await ctx.request.validateUsing(createUserValidator)
    const { user, oneTimePassword } = await CreateUser.handle({
      ...payload,
      actor: actorFromContext(ctx),
    })
    ctx.session.flash('success', ctx.i18n.t('users.created', { email: user.email }))
    if (oneTimePassword) ctx.session.flash('oneTimePassword', oneTimePassword)
    return ctx.response.redirect().toRoute('admin.users.edit', { id: user.id })
  }

  async edit({ view, bouncer, params }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('update')
    const user = await User.findOrFail(params.id)
    return view.render('pages/admin/users/edit', { user, roles: ROLES })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('UserPolicy').authorize('update')
    const payload = await ctx.request.validateUsing(updateUserValidator)
    return this.guardLastAdmin(ctx, async () => {
      await UpdateUser.handle({
        ...payload,
        userId: Number(ctx.params.id),
        actor: actorFromContext(ctx),
      })
      ctx.session.flash('success', ctx.i18n.t('users.updated'))
    })
  }

  async disable(ctx: HttpContext) {
    return this.setDisabled(ctx, true)
  }

  async enable(ctx: HttpContext) {
    return this.setDisabled(ctx, false)
  }

  async resetPassword(ctx: HttpContext) {
    await ctx.bouncer.with('UserPolicy').authorize('update')
    const { oneTimePassword } = await ResetUserPassword.handle({
      userId: Number(ctx.params.id),
      actor: actorFromContext(ctx),
    })
    ctx.session.flash('success', ctx.i18n.t('users.password_reset'))
    ctx.session.flash('oneTimePassword', oneTimePassword)
    return ctx.response.redirect().toRoute('admin.users.edit', { id: ctx.params.id })
  }

  protected async setDisabled(ctx: HttpContext, disabled: boolean) {
    await ctx.bouncer.with('UserPolicy').authorize('update')
    return this.guardLastAdmin(ctx, async () => {
      await SetUserDisabled.handle({
        userId: Number(ctx.params.id),
        disabled,
        actor: actorFromContext(ctx),
      })
      ctx.session.flash('success', ctx.i18n.t(disabled ? 'users.disabled' : 'users.enabled'))
    })
  }

  protected async guardLastAdmin(ctx: HttpContext, work: () => Promise<void>) {
    try {
      await work()
    } catch (error) {
      if (!(error instanceof LastAdminError)) throw error
      ctx.session.flash('error', ctx.i18n.t('users.last_admin'))
    }
    return ctx.response.redirect().toRoute('admin.users.edit', { id: ctx.params.id })
  }
}
