import { CAMERA_OWNER_KINDS, CAMERA_STATUSES } from '#models/camera'
import { REPAIRS_PAID_BY } from '#models/camera_agreement'
import { DONATION_METHODS } from '#models/donation'
import { EXPENSE_STATUSES } from '#models/expense'
import { TICKET_CATEGORIES, TICKET_STATUSES } from '#models/maintenance_ticket'
import { SET_ASIDE_REASONS } from '#services/donations/donation_list_parser'
import { NARRATIVE_PARTS } from '#services/reports/committee_narrative'

/**
 * The closed lists templates loop over, given to every template as `lists` (view provider)
 * so a status, method or cause is defined once, where the code that checks it lives, and
 * never retyped in a template.
 */
export const CLOSED_LISTS = {
  cameraStatuses: CAMERA_STATUSES,
  cameraOwnerKinds: CAMERA_OWNER_KINDS,
  repairsPaidBy: REPAIRS_PAID_BY,
  donationMethods: DONATION_METHODS,
  expenseStatuses: EXPENSE_STATUSES,
  ticketStatuses: TICKET_STATUSES,
  ticketCategories: TICKET_CATEGORIES,
  setAsideReasons: SET_ASIDE_REASONS,
  narrativeParts: NARRATIVE_PARTS,
} as const
