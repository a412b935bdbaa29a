import User from '#models/user'
import CreateUser from '#actions/users/create_user'
import { systemActor } from '#services/audit'

/**
 * On the very first start there is nobody to log in. Create one admin with a one-time
 * password (returned so `npm start` can print it once). Does nothing when any user exists.
 */
export default class CreateFirstAdmin {
  static async handle(email = 'admin@localhost') {
    const existing = await User.query().count('* as total').first()
    if (Number(existing?.$extras.total ?? 0) > 0) return null
    const { user, oneTimePassword } = await CreateUser.handle({
      actor: systemActor('npm start (lần chạy đầu)'),
      fullName: 'Quản trị viên',
      email,
      role: 'admin',
    })
    return { email: user.email, password: oneTimePassword! }
  }
}
