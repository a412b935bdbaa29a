import { BasePolicy as BouncerBasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import type { Role } from '#services/roles'

/**
 * Every policy extends this: admin may do everything; the others are checked by role.
 */
export default class BasePolicy extends BouncerBasePolicy {
  before(user: User | null): AuthorizerResponse | undefined {
    if (user && !user.isDisabled && user.role === 'admin') return true
    return undefined
  }

  /** True when the user holds one of the roles. */
  protected hasRole(user: User | null, ...roles: Role[]) {
    return !!user && !user.isDisabled && roles.includes(user.role)
  }
}
