/** Wording shared by the explanations the admin shows next to a score. */

/*
 * Building an Intl.NumberFormat costs tens of microseconds, far more than
 * formatting with one, and a full refresh formats amounts for every buyer:
 * the formatters are built once per currency and reused.
 */
const COUNT_FORMAT = new Intl.NumberFormat("en-US")
const CURRENCY_FORMATS = new Map<string, Intl.NumberFormat | null>()

function currencyFormat(code: string): Intl.NumberFormat | null {
  let format = CURRENCY_FORMATS.get(code)
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat("en-US", { style: "currency", currency: code })
    } catch {
      // An unknown code is shown as given rather than failing the explanation.
      format = null
    }
    CURRENCY_FORMATS.set(code, format)
  }
  return format
}

// Bound once, as in log-gamma.ts: a full refresh formats counts for every contact.
const { isInteger } = Number
const { abs } = Math

// Whole numbers below a thousand have no separator: they read the same without a formatter.
const formatCount = (count: number) =>
  isInteger(count) && abs(count) < 1000 && 1 / count !== -Infinity ? `${count}` : COUNT_FORMAT.format(count)

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`
}

/** "today", "1 day ago", "12 days ago" from a count of days. */
export function daysAgo(days: number): string {
  const whole = Math.max(0, Math.round(days))
  return whole === 0 ? "today" : `${plural(whole, "day")} ago`
}

/** Amounts are in the currency's main unit, as Medusa v2 stores them. */
export function formatAmount(amount: number, currencyCode?: string | null): string {
  if (currencyCode) {
    const code = currencyCode.toUpperCase()
    const format = currencyFormat(code)
    return format ? format.format(amount) : `${amount.toFixed(2)} ${code}`
  }
  return amount.toFixed(2)
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`
}

/** Up to two decimals, without trailing zeros: 1.5, 2, 0.33. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100)
}
