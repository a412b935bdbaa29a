import type User from '#models/user'
import BasePolicy from '#policies/base_policy'

/**
 * Maintenance tickets. Technicians work them; the police operator (who sees a camera go
 * dark first) may open one; the committee reads them and confirms repairs (close).
 */
export default class TicketPolicy extends BasePolicy {
  view(user: User) {
    return this.hasRole(user, 'technician', 'operator', 'committee')
  }

  open(user: User) {
    return this.hasRole(user, 'technician', 'operator')
  }

  /** Assign, start, resolve, cancel (start and resolve also need to be the assignee). */
  work(user: User) {
    return this.hasRole(user, 'technician')
  }

  close(user: User) {
    return this.hasRole(user, 'technician', 'committee')
  }

  /** Photos of the damage or the repair: whoever works on or reports tickets. */
  addPhoto(user: User) {
    return this.hasRole(user, 'technician', 'operator')
  }

  /** Preventive maintenance schedules. */
  plan(user: User) {
    return this.hasRole(user, 'technician')
  }

  /** The automatic-ticket thresholds: the administrator only. */
  configure(_user: User) {
    return false
  }
}
