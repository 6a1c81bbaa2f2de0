import { Container, Heading, Text } from "@medusajs/ui"
import type { CurrencyRevenue } from "../../hooks/api/overview"
import { formatAmount, pluralize } from "../../lib/format"

const lastMonthOf = (lastMonth: CurrencyRevenue[], currency: string) =>
  lastMonth.find((entry) => entry.currency_code === currency)

/**
 * The month's revenue that emails earned, one line per currency, with last
 * month's beside it for comparison.
 */
export const RevenueSummary = ({
  thisMonth,
  lastMonth,
}: {
  thisMonth: CurrencyRevenue[]
  lastMonth: CurrencyRevenue[]
}) => {
  // A currency that earned last month but not yet this month still shows, at 0.
  const currencies = [
    ...thisMonth,
    ...lastMonth
      .filter((entry) => !thisMonth.some((current) => current.currency_code === entry.currency_code))
      .map((entry) => ({ ...entry, amount: 0, conversions: 0 })),
  ]

  return (
    <Container className="flex flex-col gap-y-4 px-6 py-4" data-testid="overview-revenue">
      <div>
        <Heading level="h2">Revenue from email this month</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Orders placed after a click on an email (or an open, when there was no click), net of
          refunds.
        </Text>
      </div>
      {currencies.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted" data-testid="overview-revenue-empty">
          No order has been attributed to an email this month or last.
        </Text>
      ) : (
        <ul className="flex flex-col gap-y-3">
          {currencies.map((entry) => {
            const previous = lastMonthOf(lastMonth, entry.currency_code)
            return (
              <li
                key={entry.currency_code}
                className="flex flex-col"
                data-testid="overview-revenue-currency"
                data-currency={entry.currency_code}
              >
                <span className="txt-xlarge-plus text-ui-fg-base" data-testid="overview-revenue-amount">
                  {formatAmount(entry.amount, entry.currency_code)}
                </span>
                <Text size="small" className="text-ui-fg-subtle" data-testid="overview-revenue-detail">
                  {pluralize(entry.conversions, "order", "orders")} · last month{" "}
                  {formatAmount(previous?.amount ?? 0, entry.currency_code)}
                </Text>
              </li>
            )
          })}
        </ul>
      )}
    </Container>
  )
}
