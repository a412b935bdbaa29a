import vine from '@vinejs/vine'

/**
 * The largest id a row can have (PostgreSQL integer). Every id a form or the API sends is
 * checked against it before the database is asked whether the row exists: a number like
 * 9e185 is a Vietnamese validation error, not "invalid input syntax" and a 500.
 */
export const MAX_ID = 2_147_483_647

/** The id of an existing row of `table`, checked in that order (whole, positive, ≤ MAX_ID). */
export function rowId(table: string) {
  return vine.number().withoutDecimals().positive().max(MAX_ID).exists({ table, column: 'id' })
}
