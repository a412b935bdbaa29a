import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { rowId } from '#validators/ids'
import { MONTH } from '#validators/month'

/** A month's support run: which month, charged to which budget line. */
export const supportRunValidator = vine.compile(
  vine.object({
    month: vine.string().trim().regex(MONTH),
    budget_line_id: rowId('budget_lines'),
  })
)
export type SupportRunPayload = Infer<typeof supportRunValidator>
