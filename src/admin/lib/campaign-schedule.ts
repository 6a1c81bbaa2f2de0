/**
 * The campaign's send time between the wizard's date-time input and the API.
 *
 * An ordinary time is an instant: the input shows it in the admin's own
 * time zone. A local-time campaign's time is a wall-clock time each contact
 * gets it at in their own zone, which the API stores as that date and time
 * written in UTC ("09:00 everywhere" is `…T09:00:00Z`): the input shows those
 * UTC digits as they are, whatever zone the admin is in.
 */
import { EARLIEST_ZONE_LEAD_MS, LATEST_ZONE_LAG_MS } from "../../lib/campaigns/schedule"
import { EMPTY_VALUE } from "./format"

const INPUT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

const pad = (value: number) => String(value).padStart(2, "0")

/** The admin's own time zone, as the browser reports it. */
export const adminTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone

type WallClock = { year: number; month: number; day: number; hours: number; minutes: number }

const wallClockIn = (instant: number, timeZone: string): WallClock & { seconds: number } => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)])
  )
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hours: parts.hour,
    minutes: parts.minute,
    seconds: parts.second,
  }
}

/** How far the zone's clock is ahead of UTC at that instant. */
const offsetAt = (instant: number, timeZone: string): number => {
  const clock = wallClockIn(instant, timeZone)
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hours, clock.minutes, clock.seconds)
  return asUtc - Math.floor(instant / 1000) * 1000
}

/**
 * The instant a zone's clock shows this time. The offset is looked up
 * twice, since the first guess may sit on the other side of a DST change.
 */
const instantOf = (clock: WallClock, timeZone: string): number => {
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hours, clock.minutes)
  const first = asUtc - offsetAt(asUtc, timeZone)
  return asUtc - offsetAt(first, timeZone)
}

/** The zone whose clock the input shows: UTC digits for a local-time campaign, else the admin's own. */
const inputZone = (localTime: boolean, timeZone: string) => (localTime ? "UTC" : timeZone)

/** The `datetime-local` value ("2027-06-01T09:00") for a stored time; "" when there is none. */
export const toDateTimeInput = (
  iso: string | null | undefined,
  localTime: boolean,
  timeZone: string = adminTimeZone()
): string => {
  const instant = iso ? new Date(iso).getTime() : Number.NaN
  if (Number.isNaN(instant)) {
    return ""
  }
  const clock = wallClockIn(instant, inputZone(localTime, timeZone))
  return `${clock.year}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hours)}:${pad(clock.minutes)}`
}

/** The ISO time the API stores for an input value; null when the value is not a whole, real date and time. */
export const fromDateTimeInput = (
  value: string,
  localTime: boolean,
  timeZone: string = adminTimeZone()
): string | null => {
  const match = INPUT_PATTERN.exec(value.trim())
  if (!match) {
    return null
  }
  const [year, month, day, hours, minutes] = match.slice(1).map(Number)
  // Rejects dates the calendar does not have (31 June would roll over to 1 July).
  const calendar = new Date(Date.UTC(year, month - 1, day))
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day || hours > 23 || minutes > 59) {
    return null
  }
  return new Date(instantOf({ year, month, day, hours, minutes }, inputZone(localTime, timeZone))).toISOString()
}

/** "Jun 1, 2027, 9:00 AM" on the admin's clock, or as each contact's wall-clock time. */
export const formatCampaignTime = (
  iso: string | null | undefined,
  localTime: boolean,
  timeZone: string = adminTimeZone()
): string => {
  const date = iso ? new Date(iso) : null
  if (!date || Number.isNaN(date.getTime())) {
    return EMPTY_VALUE
  }
  const formatted = new Intl.DateTimeFormat(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: inputZone(localTime, timeZone),
  }).format(date)
  return localTime ? `${formatted} in each contact's time zone` : formatted
}

export type ScheduleCheck = { level: "error" | "warning"; message: string } | null

/**
 * Whether a chosen time still lies ahead. A time already past for every
 * contact is refused (that is "send now"); a local time some zones have
 * passed already is allowed with a warning, since those contacts get it at
 * once rather than at their hour.
 */
export const checkScheduledAt = (iso: string | null, localTime: boolean, now: number): ScheduleCheck => {
  if (!iso) {
    return { level: "error", message: "Choose the date and time to send it." }
  }
  const at = new Date(iso).getTime()
  if (!localTime) {
    return at > now ? null : { level: "error", message: "This time has passed: choose a later one, or send it now." }
  }
  if (at + LATEST_ZONE_LAG_MS <= now) {
    return { level: "error", message: "This time has passed in every time zone: choose a later one, or send it now." }
  }
  if (at - EARLIEST_ZONE_LEAD_MS <= now) {
    return {
      level: "warning",
      message: "Some time zones are past this time already: contacts there get it right away.",
    }
  }
  return null
}
