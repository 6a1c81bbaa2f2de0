export type QuietHours = {
  /** Local time the quiet period starts, "HH:MM" (24 h). */
  start: string
  /** Local time it ends, "HH:MM"; before `start` means it ends the next day. */
  end: string
}

const toMinutes = (hhmm: string) => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm)
  if (!match) {
    throw new RangeError(`"${hhmm}" is not a time of day (HH:MM)`)
  }
  return Number(match[1]) * 60 + Number(match[2])
}

// Building a formatter costs far more than using one, and a dispatcher asks
// for the same few time zones thousands of times; null marks an invalid zone.
const formatters = new Map<string, Intl.DateTimeFormat | null>()

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-GB", {
        timeZone,
        hour: "2-digit",
        minute: "2-digit",
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

/** Minutes since local midnight at `at` in `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  const formatter = formatterFor(timeZone)
  if (!formatter) {
    throw new RangeError(`Invalid time zone: ${timeZone}`)
  }
  const parts = formatter.formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return get("hour") * 60 + get("minute")
}

function isValidTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== null
}

/**
 * When a message may go out: `at` itself outside quiet hours, else the end
 * of the quiet period in the contact's time zone (the message waits; it is
 * not dropped). An unknown or invalid time zone falls back to `fallbackZone`.
 */
export function releaseTime(
  at: Date,
  quiet: QuietHours | null,
  timeZone: string | null | undefined,
  fallbackZone = "UTC"
): Date {
  if (!quiet) {
    return at
  }
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : fallbackZone
  const start = toMinutes(quiet.start)
  const end = toMinutes(quiet.end)
  if (start === end) {
    return at
  }
  const now = localMinutes(at, zone)
  const inQuiet = start < end ? now >= start && now < end : now >= start || now < end
  if (!inQuiet) {
    return at
  }
  const wait = (end - now + 24 * 60) % (24 * 60)
  const candidate = new Date(
    Math.floor(at.getTime() / 60_000) * 60_000 + wait * 60_000
  )
  // A daylight-saving change inside the wait shifts local time by up to an
  // hour; step until local time has reached the end of the quiet period.
  for (let i = 0; i < 4 && localMinutes(candidate, zone) !== end; i++) {
    const drift = (end - localMinutes(candidate, zone) + 24 * 60) % (24 * 60)
    candidate.setTime(candidate.getTime() + (drift > 12 * 60 ? drift - 24 * 60 : drift) * 60_000)
  }
  return candidate
}
