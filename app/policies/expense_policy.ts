import type User from '#models/user'
import type Expense from '#models/expense'
import BasePolicy from '#policies/base_policy'

/**
 * Spending: anyone who runs the programme enters and submits expenses; the steering
 * committee approves (never its own) and owns the budget; the treasurer pays. Admin reads
 * only (segregation of duties, as for donations).
 */
export default class ExpensePolicy extends BasePolicy {
  before() {
    return undefined
  }

  view(user: User) {
    return this.hasRole(user, 'admin', 'treasurer', 'committee', 'viewer', 'technician')
  }

  create(user: User) {
    return this.hasRole(user, 'treasurer', 'committee', 'technician')
  }

  /** Change, submit or attach to a draft: its author, the treasurer or the committee. */
  editDraft(user: User, expense: Expense) {
    if (!this.create(user)) return false
    return expense.createdBy === user.id || this.hasRole(user, 'treasurer', 'committee')
  }

  decide(user: User) {
    return this.hasRole(user, 'committee')
  }

  pay(user: User) {
    return this.hasRole(user, 'treasurer')
  }

  /** An approval is withdrawn by the committee; a payment is corrected by the treasurer. */
  reverse(user: User, expense: Expense) {
    if (expense.status === 'approved') return this.hasRole(user, 'committee')
    if (expense.status === 'paid') return this.hasRole(user, 'treasurer')
    return false
  }

  /** Who may reverse some expense at all (the expense decides which: see `reverse`). */
  reverseAny(user: User) {
    return this.hasRole(user, 'treasurer', 'committee')
  }

  allocate(user: User) {
    return this.hasRole(user, 'treasurer', 'committee')
  }

  /** Hosting households' monthly support: the treasurer runs it, the committee approves it. */
  viewSupport(user: User) {
    return this.hasRole(user, 'admin', 'treasurer', 'committee')
  }

  runSupport(user: User) {
    return this.hasRole(user, 'treasurer')
  }

  manageBudget(user: User) {
    return this.hasRole(user, 'committee')
  }
}
