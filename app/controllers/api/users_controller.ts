import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'

/** GET /api/v1/users: the same UserPolicy as the admin pages. */
export default class UsersController {
  async index({ bouncer }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('viewList')
    const users = await User.query().orderBy('id')
    return {
      data: users.map((u) => ({
        id: u.id,
        fullName: u.fullName,
        email: u.email,
        role: u.role,
        disabled: u.isDisabled,
      })),
    }
  }
}
