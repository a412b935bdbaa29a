/**
 * A field of ticked boxes (`name="x[]"`) as a list: one ticked box, or an API caller,
 * may send a single value rather than a list. For `vine.array(...).parse(asList)`.
 */
export function asList(value: unknown) {
  return value === undefined || value === null || Array.isArray(value) ? value : [value]
}
