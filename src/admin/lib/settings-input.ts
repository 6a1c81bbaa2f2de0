/** Helpers for settings inputs, which hold text while the merchant types. */

/** "" → null: an empty optional field falls back to its default. */
export const orNull = (value: string) => (value.trim() ? value.trim() : null)

/** A whole number typed into a field, or the problem with it. */
export const parseWhole = (
  value: string,
  label: string
): number | { problem: string } => {
  const number = Number(value)
  return value.trim() && Number.isInteger(number)
    ? number
    : { problem: `${label}: enter a whole number` }
}

/** A number (decimals allowed) typed into a field, or the problem with it. */
export const parseNumber = (
  value: string,
  label: string
): number | { problem: string } => {
  const number = Number(value)
  return value.trim() && Number.isFinite(number)
    ? number
    : { problem: `${label}: enter a number` }
}

export const isProblem = (value: unknown): value is { problem: string } =>
  typeof value === "object" && value !== null && "problem" in value
