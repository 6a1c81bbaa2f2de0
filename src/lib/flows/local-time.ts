import { FlowUsageError } from "./errors"

/**
 * Wall-clock time in a contact's time zone. "09:00 local" is an instant
 * that moves with daylight saving, so it is computed from the zone's rules
 * (through Intl) for the very day it falls on, never by adding 24 hours to
 * yesterday's instant.
 */

const DAY_MS = 86_400_000

export type LocalDate = { year: number; month: number; day: number }
export type LocalDateTime = LocalDate & { hour: number; minute: number; second: number }

// Building a formatter costs far more than using one; null marks an invalid zone.
const formatters = new Map<string, Intl.DateTimeFormat | null>()

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
        hourCycle: "h23",
      })
    } catch {
      formatter = null
    }
    if (formatters.size > 1000) {
      formatters.clear()
    }
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** Whether Intl knows the zone ("Europe/Berlin", "UTC"); empty and missing zones are not valid. */
export function isValidTimeZone(timeZone: string | null | undefined): timeZone is string {
  return typeof timeZone === "string" && timeZone !== "" && formatterFor(timeZone) !== null
}

/** The contact's zone when it is a real one, else the store's, else UTC. */
export function resolveTimeZone(contactZone: string | null | undefined, storeZone: string | null | undefined): string {
  if (isValidTimeZone(contactZone)) return contactZone
  if (isValidTimeZone(storeZone)) return storeZone
  return "UTC"
}

/** The wall-clock date and time at an instant in a zone. */
export function localDateTime(at: number, timeZone: string): LocalDateTime {
  const formatter = formatterFor(timeZone)
  if (!formatter) {
    throw new FlowUsageError(`Invalid time zone: ${timeZone}`)
  }
  const parts = formatter.formatToParts(new Date(at))
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0)
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  }
}

/** Wall time minus UTC at an instant, in milliseconds (to the second, as zones are). */
function offsetAt(at: number, timeZone: string): number {
  const local = localDateTime(at, timeZone)
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second)
  return wall - Math.floor(at / 1000) * 1000
}

/**
 * The instant a wall-clock time happens in a zone. A time the clocks skip
 * (02:30 on a spring-forward night) moves forward by the gap, to 03:30; a
 * time that happens twice (autumn) is the first of the two. These are the
 * rules of the "compatible" disambiguation in Temporal and most calendars.
 */
export function zonedInstant(local: LocalDate & { hour: number; minute: number }, timeZone: string): number {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute)
  // Zones change their offset at most once in any two days, so these are the offsets on either side of a change.
  const before = offsetAt(wall - DAY_MS, timeZone)
  const after = offsetAt(wall + DAY_MS, timeZone)
  const candidates = [wall - before, wall - after].filter((at) => at + offsetAt(at, timeZone) === wall)
  if (candidates.length > 0) {
    return Math.min(...candidates)
  }
  return wall - before
}

/** A calendar date moved by whole days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS)
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() }
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return ((new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7) + 1
}

/** "YYYY-MM-DD". */
export function formatLocalDate(date: LocalDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, "0")
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`
}

/** "HH:MM" (24 h) as numbers; anything else is a usage error, as the schema refuses it. */
export function parseTimeOfDay(time: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time)
  if (!match) {
    throw new FlowUsageError(`"${time}" is not a time of day (HH:MM)`)
  }
  return { hour: Number(match[1]), minute: Number(match[2]) }
}

/**
 * The first instant at or after `after` when the wall clock in `timeZone`
 * reads `time` on one of `weekdays` (ISO, 1 = Monday; every day when left
 * out). What a wait_until step waits for.
 *
 * @example
 * // A Saturday evening in Berlin: the next weekday 09:00 is Monday 09:00 CET.
 * nextOccurrence({ time: "09:00", weekdays: [1, 2, 3, 4, 5] }, { after: Date.parse("2026-01-03T19:00:00Z"), timeZone: "Europe/Berlin" })
 * // → Date.parse("2026-01-05T08:00:00Z")
 */
export function nextOccurrence(
  spec: { time: string; weekdays?: readonly number[] },
  options: { after: number; timeZone: string }
): number {
  const { hour, minute } = parseTimeOfDay(spec.time)
  const today = localDateTime(options.after, options.timeZone)
  // A week and a day always holds a permitted weekday after today's time has passed.
  for (let offset = 0; offset <= 8; offset++) {
    const date = addDays(today, offset)
    if (spec.weekdays && !spec.weekdays.includes(isoWeekday(date))) {
      continue
    }
    const at = zonedInstant({ ...date, hour, minute }, options.timeZone)
    if (at >= options.after) {
      return at
    }
  }
  throw new FlowUsageError("weekdays must list at least one day from 1 to 7")
}
