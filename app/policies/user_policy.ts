import type User from '#models/user'
import BasePolicy from '#policies/base_policy'

/** Accounts are managed by admins only (BasePolicy.before lets them through). */
export default class UserPolicy extends BasePolicy {
  viewList(_user: User) {
    return false
  }

  create(_user: User) {
    return false
  }

  update(_user: User) {
    return false
  }
}
