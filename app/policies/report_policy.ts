import type User from '#models/user'
import BasePolicy from '#policies/base_policy'

/** The committee's report: the committee produces it; the treasurer may too (its figures). */
export default class ReportPolicy extends BasePolicy {
  generate(user: User) {
    return this.hasRole(user, 'committee', 'treasurer')
  }

  /** The police chief's month (footage requests, cameras down, gaps): police and committee. */
  policeMonth(user: User) {
    return this.hasRole(user, 'committee', 'operator')
  }
}
