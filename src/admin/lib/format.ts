/**
 * Display helpers for the marketing pages. They use the browser's locale, as
 * the rest of the admin does, and return "-" for missing values so every
 * field renders something a merchandiser can read.
 */

export const EMPTY_VALUE = "-"

const toNumber = (value: unknown): number | null => {
  if (value === null || value === undefined || value === "") {
    return null
  }
  const number = typeof value === "number" ? value : Number(value)
  return Number.isFinite(number) ? number : null
}

/**
 * Formats an amount in the currency's main unit (Medusa stores 45.5 for
 * €45.50). An unknown or missing currency falls back to a plain number.
 */
export const formatAmount = (
  amount: unknown,
  currencyCode?: string | null
): string => {
  const value = toNumber(amount)
  if (value === null) {
    return EMPTY_VALUE
  }
  if (currencyCode) {
    try {
      return new Intl.NumberFormat(undefined, {
        style: "currency",
        currency: currencyCode.toUpperCase(),
      }).format(value)
    } catch {
      // An invalid ISO 4217 code throws a RangeError: show the number.
    }
  }
  return new Intl.NumberFormat(undefined, {
    maximumFractionDigits: 2,
  }).format(value)
}

/**
 * A contact's spend. Someone who never ordered has no currency yet: show
 * "-" (like their empty "Last order") rather than a bare "0" among
 * currency amounts.
 */
export const formatSpend = (
  amount: unknown,
  currencyCode?: string | null
): string => {
  if (!currencyCode && !toNumber(amount)) {
    return EMPTY_VALUE
  }
  return formatAmount(amount, currencyCode)
}

export const formatCount = (value: unknown): string => {
  const number = toNumber(value)
  return number === null ? EMPTY_VALUE : new Intl.NumberFormat().format(number)
}

const toDate = (value?: string | null): Date | null => {
  if (!value) {
    return null
  }
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

export const formatDate = (value?: string | null): string => {
  const date = toDate(value)
  return date
    ? new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(date)
    : EMPTY_VALUE
}

export const formatDateTime = (value?: string | null): string => {
  const date = toDate(value)
  return date
    ? new Intl.DateTimeFormat(undefined, {
        dateStyle: "medium",
        timeStyle: "short",
      }).format(date)
    : EMPTY_VALUE
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 60 * 60],
  ["month", 30 * 24 * 60 * 60],
  ["week", 7 * 24 * 60 * 60],
  ["day", 24 * 60 * 60],
  ["hour", 60 * 60],
  ["minute", 60],
]

/** "3 hours ago", "yesterday", "just now". */
export const formatRelative = (
  value?: string | null,
  now: Date = new Date()
): string => {
  const date = toDate(value)
  if (!date) {
    return EMPTY_VALUE
  }
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000)
  const formatter = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" })
  for (const [unit, unitSeconds] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= unitSeconds) {
      return formatter.format(Math.trunc(seconds / unitSeconds), unit)
    }
  }
  return "just now"
}

export const pluralize = (count: number, singular: string, plural: string) =>
  `${formatCount(count)} ${count === 1 ? singular : plural}`

export const fullName = (person: {
  first_name?: string | null
  last_name?: string | null
}): string =>
  [person.first_name, person.last_name].filter(Boolean).join(" ")
