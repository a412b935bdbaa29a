import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { rowId } from '#validators/ids'

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** The month a support page shows ("2026-11"); absent means this month. */
export const supportMonthValidator = vine.compile(
  vine.object({ month: vine.string().trim().regex(MONTH).optional() })
)

/** A month's support run: which month, charged to which budget line. */
export const supportRunValidator = vine.compile(
  vine.object({
    month: vine.string().trim().regex(MONTH),
    budget_line_id: rowId('budget_lines'),
  })
)
export type SupportRunPayload = Infer<typeof supportRunValidator>
