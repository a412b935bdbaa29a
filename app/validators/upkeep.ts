import vine from '@vinejs/vine'
import { amountOrZero } from '#validators/donation'

/** The upkeep page's two inputs: households asked to contribute, and the local budget's part. */
export const upkeepQueryValidator = vine.compile(
  vine.object({
    households: vine.number().withoutDecimals().min(1).max(1_000_000).optional(),
    local_budget: amountOrZero().optional(),
  })
)
