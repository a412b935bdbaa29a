import type User from '#models/user'
import BasePolicy from '#policies/base_policy'

/**
 * The camera register. Technicians (and admin) maintain it; the police operator and the
 * committee read it. Households' personal details are for those who deal with them.
 */
export default class CameraPolicy extends BasePolicy {
  view(user: User) {
    return this.hasRole(user, 'technician', 'operator', 'committee', 'viewer')
  }

  write(user: User) {
    return this.hasRole(user, 'technician')
  }

  viewHouseholds(user: User) {
    return this.hasRole(user, 'technician', 'operator')
  }

  /** Uploading the commune's diagram is the admin's (BasePolicy lets admin through). */
  uploadPlan(_user: User) {
    return false
  }
}
