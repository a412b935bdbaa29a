/*
| Policies by name, as used in `bouncer.with('UserPolicy')` and Edge's `@can('UserPolicy.viewList')`.
*/
export const policies = {
  UserPolicy: () => import('./user_policy.js'),
  AuditEventPolicy: () => import('./audit_event_policy.js'),
  DonationPolicy: () => import('./donation_policy.js'),
  ExpensePolicy: () => import('./expense_policy.js'),
  CameraPolicy: () => import('./camera_policy.js'),
  TicketPolicy: () => import('./ticket_policy.js'),
  FootagePolicy: () => import('./footage_policy.js'),
  ReportPolicy: () => import('./report_policy.js'),
}
