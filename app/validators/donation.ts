import { rowId } from '#validators/ids'
import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import type { Infer } from '@vinejs/vine/types'
import { DONATION_METHODS } from '#models/donation'
import { DONOR_KINDS } from '#models/donor'
import { parseAmount, parseDay } from '#services/donations/import_values'
import { todayIso } from '#services/dates'

/**
 * Whole đồng > 0, typed the way people write it ("5.000.000", "5 triệu") or sent as a
 * JSON number. The field becomes the integer.
 */
const amountRule = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  const parsed = parseAmount(typeof value === 'number' ? value : String(value ?? ''))
  if (parsed === null) {
    field.report('The {{ field }} field must be a whole amount of đồng above 0', 'amount', field)
    return
  }
  field.mutate(parsed, field)
})

/** A calendar day (date input, dd/mm/yyyy or yyyy-mm-dd), not in the future. */
const pastDayRule = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  const parsed = typeof value === 'string' ? parseDay(value) : null
  if (parsed === null) {
    field.report('The {{ field }} field must be a date', 'date', field)
    return
  }
  if (parsed > todayIso()) {
    field.report('The {{ field }} field cannot be in the future', 'date.future', field)
    return
  }
  field.mutate(parsed, field)
})

/** A day for filters (may be any valid day). */
const dayRule = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  const parsed = typeof value === 'string' ? parseDay(value) : null
  if (parsed === null) {
    field.report('The {{ field }} field must be a date', 'date', field)
    return
  }
  field.mutate(parsed, field)
})

/** Whole đồng ≥ 0 (an approved budget may be nothing yet). */
const amountOrZeroRule = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    const text = typeof value === 'number' ? value : String(value ?? '').trim()
    if (text === 0 || text === '0') {
      field.mutate(0, field)
      return
    }
    const parsed = parseAmount(text)
    if (parsed === null) {
      field.report('The {{ field }} field must be a whole amount of đồng', 'amount_or_zero', field)
      return
    }
    field.mutate(parsed, field)
  }
)

export const amount = () => vine.any().use(amountRule())
export const amountOrZero = () => vine.any().use(amountOrZeroRule())
export const pastDay = () => vine.any().use(pastDayRule())
export const day = () => vine.any().use(dayRule())
const note = () => vine.string().trim().maxLength(2000).optional()
const phone = () =>
  vine
    .string()
    .trim()
    .maxLength(30)
    .regex(/^[+\d][\d .\-()]{5,}$/)
    .optional()

const donorExists = () => rowId('donors')

const fundExists = () => rowId('funds')

const inKindFields = {
  method: vine.enum(DONATION_METHODS),
  in_kind_description: vine
    .string()
    .trim()
    .maxLength(300)
    .optional()
    .requiredWhen('method', '=', 'in_kind'),
}

/** A donor, from the form or the API. `confirm_duplicate` overrides the duplicate warning. */
export const donorValidator = vine.compile(
  vine.object({
    kind: vine.enum(DONOR_KINDS),
    name: vine.string().trim().minLength(2).maxLength(200),
    address: vine.string().trim().maxLength(300).optional(),
    village: vine.string().trim().maxLength(120).optional(),
    phone: phone(),
    note: note(),
    anonymous_public: vine.boolean().optional(),
    confirm_duplicate: vine.boolean().optional(),
  })
)
export type DonorPayload = Infer<typeof donorValidator>

/** A donor on the list, or a new one by name (with kind, village, phone) to add or find. */
const donorOrNewDonor = {
  donor_id: donorExists().optional(),
  donor_name: vine
    .string()
    .trim()
    .minLength(2)
    .maxLength(200)
    .optional()
    .requiredIfMissing('donor_id'),
  donor_kind: vine.enum(DONOR_KINDS).optional(),
  donor_village: vine.string().trim().maxLength(120).optional(),
  donor_phone: phone(),
}

/** One donation, from the form or the API ({donor_id, amount, received_on, method, ...}). */
export const donationValidator = vine.compile(
  vine.object({
    ...donorOrNewDonor,
    donor_anonymous: vine.boolean().optional(),
    confirm_duplicate: vine.boolean().optional(),
    amount: amount(),
    received_on: pastDay(),
    ...inKindFields,
    fund_id: fundExists().optional(),
    note: note(),
    /** The form's one-time key (see submission_keys). */
    submission_key: vine.string().uuid().optional(),
  })
)

export const reverseDonationValidator = vine.compile(
  vine.object({
    reason: vine.string().trim().minLength(5).maxLength(500),
  })
)

/** Filters of the donation list, its exports and GET /api/v1/donations. */
export const donationFilterValidator = vine.compile(
  vine.object({
    from: day().optional(),
    to: day().optional(),
    donor_id: vine.number().withoutDecimals().positive().optional(),
    fund_id: vine.number().withoutDecimals().positive().optional(),
    method: vine.enum(DONATION_METHODS).optional(),
    q: vine.string().trim().maxLength(120).optional(),
    page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  })
)

export const donorFilterValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(120).optional(),
    page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  })
)

/** Opening a batch: what the paper list says it holds. */
export const batchValidator = vine.compile(
  vine.object({
    label: vine.string().trim().minLength(2).maxLength(200),
    fund_id: fundExists().optional(),
    expected_count: vine.number().withoutDecimals().min(1).max(20000),
    expected_total: amount(),
  })
)

/** A line of a batch: an existing donor, or a name (with village/phone) to find or add. */
export const batchRowValidator = vine.compile(
  vine.object({
    ...donorOrNewDonor,
    amount: amount(),
    received_on: pastDay(),
    ...inKindFields,
    note: note(),
  })
)

export const importConfirmValidator = vine.compile(
  vine.object({
    token: vine.string().regex(/^[0-9a-f]{64}$/),
    filename: vine.string().trim().maxLength(255),
    fund_id: fundExists().optional(),
    expected_count: vine.number().withoutDecimals().min(1).max(20000),
    expected_total: vine.number().withoutDecimals().min(1),
  })
)

export const fundValidator = vine.compile(
  vine.object({
    code: vine
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9_-]{1,39}$/)
      .unique({ table: 'funds', column: 'code' }),
    name: vine.string().trim().minLength(3).maxLength(200),
  })
)

/** The ledger query's filters from a validated filter query string. */
export function toDonationFilters(filter: Infer<typeof donationFilterValidator>) {
  return {
    from: filter.from,
    to: filter.to,
    donorId: filter.donor_id,
    fundId: filter.fund_id,
    method: filter.method,
    q: filter.q,
  }
}

/** RecordDonation's fields from a validated form or API body. */
export function toDonationFields(payload: Infer<typeof donationValidator>) {
  return {
    donorId: payload.donor_id ?? null,
    newDonor: payload.donor_id
      ? null
      : {
          kind: payload.donor_kind ?? ('individual' as const),
          name: payload.donor_name!,
          village: payload.donor_village,
          phone: payload.donor_phone,
          anonymousPublic: payload.donor_anonymous ?? false,
        },
    confirmDuplicate: payload.confirm_duplicate ?? false,
    fundId: payload.fund_id,
    amount: payload.amount,
    receivedOn: payload.received_on,
    method: payload.method,
    inKindDescription: payload.in_kind_description,
    note: payload.note,
  }
}
