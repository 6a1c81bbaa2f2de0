/**
 * Medusa returns amounts as numbers, numeric strings or BigNumber-like
 * objects depending on the path; facts store plain numbers.
 */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) {
    return 0
  }
  if (typeof value === "number") {
    return value
  }
  if (typeof value === "string") {
    return Number(value) || 0
  }
  if (typeof value === "object") {
    const candidate = value as { numeric?: unknown; value?: unknown }
    if (candidate.numeric !== undefined) {
      return toNumber(candidate.numeric)
    }
    if (candidate.value !== undefined) {
      return toNumber(candidate.value)
    }
    return Number(value.toString()) || 0
  }
  return 0
}
