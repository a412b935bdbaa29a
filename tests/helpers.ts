import User from '#models/user'
import type { Role } from '#services/roles'

let counter = 0

/** A user of the given role with a known password (no one-time password to change). */
export async function makeUser(
  role: Role,
  overrides: Partial<{ email: string; password: string; locale: 'vi' | 'en' }> = {}
) {
  counter++
  return User.create({
    fullName: `Người dùng ${role} ${counter}`,
    email: overrides.email ?? `${role}${counter}-${Date.now()}@xa.test`,
    password: overrides.password ?? 'mat-khau-du-dai',
    role,
    locale: overrides.locale ?? 'vi',
    passwordChangeRequired: false,
  })
}
