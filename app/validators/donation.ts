import { rowId } from '#validators/ids'
import { asList } from '#validators/lists'
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
    batch_id: vine.number().withoutDecimals().positive().optional(),
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

/** The sheet and column choices of an import preview (GET form and confirm form). */
const importListOptions = {
  token: vine.string().regex(/^[0-9a-f]{64}$/),
  filename: vine.string().trim().maxLength(255),
  sheet: vine.number().withoutDecimals().min(0).max(100).optional(),
  /** field → column index, as the confirm form repeats it. */
  map: vine.record(vine.string().regex(/^\d{0,3}$/)).optional(),
  /** column → field, as the mapping form's selects send it ("c3": "amount"; qs would turn
   * bare numeric keys into an array). */
  cols: vine.record(vine.string().maxLength(20)).optional(),
}

export const importReviewValidator = vine.compile(vine.object(importListOptions))

export const importConfirmValidator = vine.compile(
  vine.object({
    ...importListOptions,
    fund_id: fundExists().optional(),
    expected_count: vine.number().withoutDecimals().min(1).max(20000),
    expected_total: vine.number().withoutDecimals().min(1),
    donor: vine.record(vine.string().regex(/^(new|\d{1,12})$/)).optional(),
    anonymous: vine
      .array(vine.number().withoutDecimals().min(1).max(1_000_000))
      .maxLength(20000)
      .optional(),
    anonymous_reviewed: vine.boolean().optional(),
  })
)

/**
 * The column map the treasurer chose: the mapping form's "column → field" selects turned
 * round, else the confirm form's "field → column". A field chosen for two columns is no map.
 */
export function importColumns(payload: {
  map?: Record<string, string>
  cols?: Record<string, string>
}): Record<string, number> | undefined | null {
  if (payload.cols) {
    const map: Record<string, number> = {}
    for (const [column, field] of Object.entries(payload.cols)) {
      if (!field) continue
      if (!/^c\d{1,3}$/.test(column) || field in map) return null
      map[field] = Number(column.slice(1))
    }
    return map
  }
  if (payload.map) {
    return Object.fromEntries(
      Object.entries(payload.map)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, Number(v)])
    )
  }
  return undefined
}

export const fundValidator = vine.compile(
  vine.object({
    code: vine
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9_-]{1,39}$/)
      .unique({ table: 'funds', column: 'code' }),
    name: vine.string().trim().minLength(3).maxLength(200),
    ...campaignFields(),
  })
)

/** A campaign's goal: amount, deadline, what it buys (each optional: a fund may have none). */
function campaignFields() {
  return {
    target_amount: amount().optional(),
    target_deadline: day().optional(),
    purpose: vine.string().trim().maxLength(300).optional(),
  }
}

/** A fund's name and goal, and the planned cameras it pays for. */
export const campaignValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(3).maxLength(200),
    ...campaignFields(),
    camera_ids: vine.array(rowId('cameras')).maxLength(500).parse(asList).optional(),
  })
)
export type CampaignPayload = Infer<typeof campaignValidator>

/** The ledger query's filters from a validated filter query string. */
export function toDonationFilters(filter: Infer<typeof donationFilterValidator>) {
  return {
    from: filter.from,
    to: filter.to,
    donorId: filter.donor_id,
    fundId: filter.fund_id,
    batchId: filter.batch_id,
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
