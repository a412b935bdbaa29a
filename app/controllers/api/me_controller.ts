import type { HttpContext } from '@adonisjs/core/http'

/** GET /api/v1/me: who the bearer token belongs to. */
export default class MeController {
  async show({ auth }: HttpContext) {
    const user = auth.user!
    return {
      data: {
        id: user.id,
        fullName: user.fullName,
        email: user.email,
        role: user.role,
        locale: user.locale,
      },
    }
  }
}
