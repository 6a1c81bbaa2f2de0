import { toNumber } from "../../money/to-number"

/**
 * An amount as Medusa hands it out: a number in major units (30 is €30.00),
 * a numeric string, or a BigNumber-like object.
 */
export type MoneyAmount =
  | number
  | string
  | { numeric?: unknown; value?: unknown }
  | null
  | undefined

// Building a NumberFormat costs far more than using one; a send batch
// formats thousands of prices in a handful of currencies.
const formatters = new Map<string, Intl.NumberFormat | null>()

function formatterFor(currency: string, locale: string): Intl.NumberFormat | null {
  const key = `${locale}|${currency}`
  if (!formatters.has(key)) {
    let formatter: Intl.NumberFormat | null = null
    try {
      formatter = new Intl.NumberFormat(locale, { style: "currency", currency })
    } catch {
      formatter = null
    }
    formatters.set(key, formatter)
  }
  return formatters.get(key)!
}

/**
 * Formats an amount in its currency, with the currency's own number of
 * decimals (JPY has none). An unknown currency or locale still yields a
 * readable price rather than failing the email that shows it.
 *
 * @example
 * formatMoney(30, "eur") // "€30.00"
 * formatMoney({ numeric: 1500 }, "jpy") // "¥1,500"
 */
export function formatMoney(
  amount: MoneyAmount,
  currencyCode: string,
  locale = "en-US"
): string {
  const value = toNumber(amount)
  const currency = (currencyCode ?? "").toUpperCase()
  const formatter = formatterFor(currency, locale) ?? formatterFor(currency, "en-US")
  if (formatter) {
    return formatter.format(value)
  }
  return `${value.toFixed(2)} ${currency}`.trim()
}
