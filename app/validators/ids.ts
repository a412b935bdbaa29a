/**
 * The largest id a row can have (PostgreSQL integer). Every id a form or the API sends is
 * checked against it before the database is asked whether the row exists: a number like
 * 9e185 is a Vietnamese validation error, not "invalid input syntax" and a 500.
 */
export const MAX_ID = 2_147_483_647
