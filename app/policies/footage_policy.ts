import type User from '#models/user'
import BasePolicy from '#policies/base_policy'

/**
 * Footage and evidence: the commune police operator (and the admin) only. Every view and
 * export is written to the audit log by the controllers that serve them.
 */
export default class FootagePolicy extends BasePolicy {
  view(user: User) {
    return this.hasRole(user, 'operator')
  }

  /** Evidence cases, clips, exports and their downloads. */
  export(user: User) {
    return this.hasRole(user, 'operator')
  }
}
