/**
 * Turns the "From" and "To" days of a date filter, as `<input type="date">`
 * gives them ("2026-03-01"), into the API's ISO bounds. Both days count
 * whole and in the browser's time zone, as the merchant thinks of them.
 */
export const dayRangeToIso = (
  from: string,
  to: string
): { created_after?: string; created_before?: string } => {
  const start = from ? new Date(`${from}T00:00:00`) : null
  const end = to ? new Date(`${to}T23:59:59.999`) : null
  return {
    ...(start && !Number.isNaN(start.getTime())
      ? { created_after: start.toISOString() }
      : {}),
    ...(end && !Number.isNaN(end.getTime())
      ? { created_before: end.toISOString() }
      : {}),
  }
}
