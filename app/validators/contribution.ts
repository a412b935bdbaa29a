import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { rowId } from '#validators/ids'
import { amount } from '#validators/donation'
import { asList } from '#validators/lists'

const villages = () =>
  vine.array(vine.string().trim().minLength(1).maxLength(120)).maxLength(200).parse(asList)

/** The committee's scheme: name, fund, year, amount per household, thôn to enrol. */
export const schemeValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(3).maxLength(200),
    fund_id: rowId('funds'),
    year: vine.number().withoutDecimals().min(2000).max(2100),
    amount_per_household: amount(),
    note: vine.string().trim().maxLength(2000).optional(),
    villages: villages().optional(),
  })
)
export type SchemePayload = Infer<typeof schemeValidator>

/** More households: all of some thôn, or one donor of the register. */
export const enrolValidator = vine.compile(
  vine.object({
    villages: villages().optional(),
    donor_id: rowId('donors').optional(),
  })
)

/** The scheme page's filter: one thôn, and only who has not paid in full. */
export const schemeFilterValidator = vine.compile(
  vine.object({
    village: vine.string().trim().maxLength(120).optional(),
    unpaid: vine.boolean().optional(),
  })
)
