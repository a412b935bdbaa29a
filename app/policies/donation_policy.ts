import type User from '#models/user'
import BasePolicy from '#policies/base_policy'

/**
 * The money ledger (donors, donations, batches, imports, funds). Segregation of duties:
 * only the treasurer writes; admin, committee and viewer read. Unlike other areas,
 * admin is not let through to write: the person who manages accounts does not also
 * record money.
 */
export default class DonationPolicy extends BasePolicy {
  before() {
    return undefined
  }

  view(user: User) {
    return this.hasRole(user, 'admin', 'treasurer', 'committee', 'viewer')
  }

  write(user: User) {
    return this.hasRole(user, 'treasurer')
  }

  /** Household contribution schemes: the committee sets them. */
  manageSchemes(user: User) {
    return this.hasRole(user, 'committee')
  }

  /** Adding households to a scheme: the treasurer (who keeps the register) or the committee. */
  enrolHouseholds(user: User) {
    return this.hasRole(user, 'treasurer', 'committee')
  }
}
