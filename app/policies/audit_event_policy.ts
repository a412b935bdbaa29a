import type User from '#models/user'
import BasePolicy from '#policies/base_policy'

/** Admin and the steering committee browse the audit log. */
export default class AuditEventPolicy extends BasePolicy {
  viewList(user: User) {
    return this.hasRole(user, 'committee')
  }
}
