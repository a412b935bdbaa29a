import vine from '@vinejs/vine'

/** A calendar month as forms and links send it: "2026-11". */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** The month a monthly page shows (`?month=2026-11`); absent means this month. */
export const monthQueryValidator = vine.compile(
  vine.object({ month: vine.string().trim().regex(MONTH).optional() })
)
