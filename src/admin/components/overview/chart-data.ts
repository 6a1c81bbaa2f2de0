import type { MarketingOverview } from "../../hooks/api/overview"

export type ChartDay = {
  date: string
  sent: number
  opened: number
  clicked: number
  /** Revenue in the chart's currency. */
  revenue: number
}

/**
 * The currency the chart draws revenue in: the one that earned most this
 * month, else the one seen most recently in the series. One currency only,
 * since amounts in two currencies cannot share an axis.
 */
export const chartCurrency = (overview: MarketingOverview): string | null => {
  const [top] = overview.revenue.this_month
  if (top) {
    return top.currency_code
  }
  for (const day of [...overview.daily].reverse()) {
    const [currency] = Object.keys(day.revenue)
    if (currency) {
      return currency
    }
  }
  return null
}

export const toChartDays = (overview: MarketingOverview, currency: string | null): ChartDay[] =>
  overview.daily.map((day) => ({
    date: day.date,
    sent: day.sent,
    opened: day.opened,
    clicked: day.clicked,
    revenue: currency ? day.revenue[currency] ?? 0 : 0,
  }))

/** "2026-03-14" → "Mar 14", read as a calendar day whatever the browser's zone. */
export const formatDay = (date: string): string =>
  new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`)
  )
