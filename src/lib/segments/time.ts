/**
 * Time arithmetic shared by both evaluators. Every relative boundary is an
 * absolute instant computed here from `now`, and the SQL receives it as a
 * parameter, so the database and the in-memory evaluator compare against the
 * same millisecond instead of each doing its own calendar maths.
 */

export const TIME_UNITS = ["days", "weeks", "months"] as const
export type TimeUnit = (typeof TIME_UNITS)[number]
export type RelativeWindow = { amount: number; unit: TimeUnit }

const DAY_MS = 86_400_000
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
  return month === 1 && isLeapYear(year) ? 29 : MONTH_DAYS[month]
}

/**
 * Moves an instant by whole units. Days and weeks are exact multiples of 24
 * hours (UTC has no daylight saving); months are calendar months in UTC,
 * clamped to the end of a shorter month, so one month before 31 March is
 * the last day of February at the same time of day.
 */
export function shiftInstant(at: Date, amount: number, unit: TimeUnit): Date {
  if (unit !== "months") {
    const days = unit === "weeks" ? amount * 7 : amount
    return new Date(at.getTime() + days * DAY_MS)
  }
  const monthIndex = at.getUTCFullYear() * 12 + at.getUTCMonth() + amount
  const year = Math.floor(monthIndex / 12)
  const month = monthIndex - year * 12
  const shifted = new Date(at.getTime())
  // Set year, month and day together so no intermediate date rolls over.
  shifted.setUTCFullYear(year, month, Math.min(at.getUTCDate(), daysInMonth(year, month)))
  return shifted
}

/** A comparison of a date field against an instant. */
export type DateBound = { op: "<" | "<=" | ">" | ">="; at: Date }

export type DateOperation =
  | { operator: "before" | "after"; value: string }
  | { operator: "in_last" | "more_than_ago" | "in_next"; value: RelativeWindow }

/**
 * The bounds a date condition puts on the field. Windows include both ends:
 * `in_last` is [now - window, now], `in_next` is [now, now + window];
 * `more_than_ago` is strictly before the start of `in_last`, so the two
 * split the past without overlap. `before` and `after` are strict.
 */
export function dateBounds(operation: DateOperation, now: Date): DateBound[] {
  switch (operation.operator) {
    case "before":
      return [{ op: "<", at: parseInstant(operation.value) }]
    case "after":
      return [{ op: ">", at: parseInstant(operation.value) }]
    case "in_last":
      return [
        { op: ">=", at: shiftInstant(now, -operation.value.amount, operation.value.unit) },
        { op: "<=", at: now },
      ]
    case "more_than_ago":
      return [{ op: "<", at: shiftInstant(now, -operation.value.amount, operation.value.unit) }]
    case "in_next":
      return [
        { op: ">=", at: now },
        { op: "<=", at: shiftInstant(now, operation.value.amount, operation.value.unit) },
      ]
  }
}

/** The instants a behaviour window covers: [now - window, now]. */
export function pastWindow(now: Date, window: RelativeWindow): { from: Date; to: Date } {
  return { from: shiftInstant(now, -window.amount, window.unit), to: now }
}

/** An absolute rule date; a date without a time ("2026-01-31") is UTC midnight, as ISO 8601 parsing gives. */
export function parseInstant(value: string): Date {
  return new Date(value)
}

/** "YYYY-MM-DD" text columns: anything else stored there matches no date operator. */
export const DATE_TEXT_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10)
}

/**
 * A calendar date D stands for the instant D 00:00 UTC. Against an instant
 * bound that becomes a comparison of "YYYY-MM-DD" strings, whose order is
 * the calendar's; instants have millisecond resolution, hence the 1 ms steps.
 */
export function dateTextBound(bound: DateBound): { op: "<=" | ">"; day: string } {
  const before = new Date(bound.at.getTime() - 1)
  switch (bound.op) {
    case "<":
      return { op: "<=", day: utcDay(before) }
    case "<=":
      return { op: "<=", day: utcDay(bound.at) }
    case ">":
      return { op: ">", day: utcDay(bound.at) }
    case ">=":
      return { op: ">", day: utcDay(before) }
  }
}

/** "MM-DD" of an instant in UTC. */
export function monthDay(at: Date): string {
  return at.toISOString().slice(5, 10)
}

/**
 * The "MM-DD" keys whose anniversary falls from today through today + `days`
 * (UTC calendar days), across a year end. A 29 February date has its
 * anniversary on 28 February in years without one, so that key joins the set
 * whenever a non-leap 28 February is in the window.
 */
export function anniversaryKeys(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const keys = new Set<string>()
  for (let offset = 0; offset <= days; offset++) {
    const day = new Date(today + offset * DAY_MS)
    const key = monthDay(day)
    keys.add(key)
    if (key === "02-28" && !isLeapYear(day.getUTCFullYear())) {
      keys.add("02-29")
    }
  }
  return [...keys].sort()
}
