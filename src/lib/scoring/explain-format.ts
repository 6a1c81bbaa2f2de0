/** Wording shared by the explanations the admin shows next to a score. */

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`
}

/** "today", "1 day ago", "12 days ago" from a count of days. */
export function daysAgo(days: number): string {
  const whole = Math.max(0, Math.round(days))
  return whole === 0 ? "today" : `${plural(whole, "day")} ago`
}

/** Amounts are in the currency's main unit, as Medusa v2 stores them. */
export function formatAmount(amount: number, currencyCode?: string | null): string {
  if (currencyCode) {
    try {
      return new Intl.NumberFormat("en-US", {
        style: "currency",
        currency: currencyCode.toUpperCase(),
      }).format(amount)
    } catch {
      // An unknown code is shown as given rather than failing the explanation.
      return `${amount.toFixed(2)} ${currencyCode.toUpperCase()}`
    }
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
