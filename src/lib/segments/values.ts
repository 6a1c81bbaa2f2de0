/**
 * How stored values are read before they are compared, identically in both
 * evaluators.
 */

/**
 * Case-insensitive means A–Z fold to a–z and nothing else. Postgres' lower()
 * follows the database's locale and JavaScript's toLowerCase() follows
 * Unicode, and the two differ on letters such as "İ"; folding ASCII only is
 * the same everywhere, so a segment never depends on where it is evaluated.
 */
export function foldCase(value: string): string {
  return value.replace(/[A-Z]/g, (letter) => String.fromCharCode(letter.charCodeAt(0) + 32))
}

export const ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
export const ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz"

export type InstantValue = Date | string | null | undefined
export type NumberValue = number | string | null | undefined

/** A timestamp as the module stores it; unreadable values count as not set. */
export function toInstant(value: InstantValue): Date | null {
  if (value === null || value === undefined) {
    return null
  }
  const instant = value instanceof Date ? value : new Date(value)
  return Number.isNaN(instant.getTime()) ? null : instant
}

/**
 * Numbers compare as doubles, or as single-precision floats for `real`
 * columns: Postgres casts numeric and integer columns to float8 and the
 * parameter to the column's precision, and JavaScript rounds the same way,
 * so 0.1 in a rule matches 0.1 in a profile on both sides. Numeric columns
 * arrive from node-postgres as strings.
 */
export function toComparableNumber(value: NumberValue, precision: "double" | "single"): number | null {
  if (value === null || value === undefined || value === "") {
    return null
  }
  const number = typeof value === "number" ? value : Number(value)
  if (Number.isNaN(number)) {
    return null
  }
  return precision === "single" ? Math.fround(number) : number
}
