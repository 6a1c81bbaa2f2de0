/**
 * Text inputs for the JSON values a flow holds: a data condition's value
 * ("42", "true", "a, b"), a custom step's config and a dry run's trigger
 * data. What the merchant types is read as the value they most likely
 * mean; the server still checks it.
 */

export type Scalar = string | number | boolean | null

const NUMBER = /^-?\d+(\.\d+)?$/

/** "42" is a number, "true"/"false"/"null" those values, quotes keep text as text: "\"42\"". */
export const parseScalar = (text: string): Scalar => {
  const trimmed = text.trim()
  if (trimmed === "true") return true
  if (trimmed === "false") return false
  if (trimmed === "null") return null
  if (NUMBER.test(trimmed)) return Number(trimmed)
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    try {
      return JSON.parse(trimmed) as string
    } catch {
      return trimmed
    }
  }
  return trimmed
}

/** A scalar as the merchant would type it back: text that reads as something else is quoted. */
export const formatScalar = (value: unknown): string => {
  if (typeof value === "string") {
    const ambiguous = NUMBER.test(value.trim()) || ["true", "false", "null"].includes(value.trim())
    return ambiguous ? JSON.stringify(value) : value
  }
  if (value === undefined) return ""
  return JSON.stringify(value)
}

/** A condition's value for its operator: none for "exists", a comma-separated list for "in". */
export const parseConditionValue = (text: string, operator: string): unknown => {
  if (operator === "exists") return undefined
  if (operator === "in") {
    return text
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean)
      .map(parseScalar)
  }
  return text.trim() === "" ? undefined : parseScalar(text)
}

export const formatConditionValue = (value: unknown): string =>
  Array.isArray(value) ? value.map(formatScalar).join(", ") : formatScalar(value)

export type JsonObjectResult = { ok: true; value: Record<string, unknown> | undefined } | { ok: false; error: string }

/** A JSON object typed into a text area; empty text is no object. */
export const parseJsonObject = (text: string): JsonObjectResult => {
  if (!text.trim()) {
    return { ok: true, value: undefined }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${(error as Error).message}` }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, error: "Must be a JSON object, e.g. { \"cart_id\": \"cart_123\" }" }
  }
  return { ok: true, value: value as Record<string, unknown> }
}

export const formatJson = (value: unknown): string =>
  value === undefined ? "" : JSON.stringify(value, null, 2)
