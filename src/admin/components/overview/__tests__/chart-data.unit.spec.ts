import type { MarketingOverview } from "../../../hooks/api/overview"
import { chartCurrency, formatDay, toChartDays } from "../chart-data"

const overview = (partial: Partial<MarketingOverview>): MarketingOverview => ({
  time_zone: "UTC",
  revenue: { this_month: [], last_month: [] },
  top_flows: [],
  top_campaigns: [],
  recent_sends: [],
  daily: [],
  ...partial,
})

const day = (date: string, revenue: Record<string, number> = {}) => ({
  date,
  sent: 1,
  opened: 1,
  clicked: 0,
  revenue,
})

describe("the overview chart's data", () => {
  it("draws revenue in the currency that earned most this month", () => {
    const data = overview({
      revenue: {
        this_month: [
          { currency_code: "usd", amount: 300, conversions: 3 },
          { currency_code: "eur", amount: 100, conversions: 1 },
        ],
        last_month: [],
      },
      daily: [day("2026-03-01", { eur: 100 }), day("2026-03-02", { usd: 300 })],
    })
    const currency = chartCurrency(data)
    expect(currency).toBe("usd")
    expect(toChartDays(data, currency).map((d) => d.revenue)).toEqual([0, 300])
  })

  it("without revenue this month, falls back to the latest currency in the series, else none", () => {
    expect(chartCurrency(overview({ daily: [day("2026-03-01", { gbp: 5 }), day("2026-03-02")] }))).toBe("gbp")
    const quiet = overview({ daily: [day("2026-03-01")] })
    expect(chartCurrency(quiet)).toBeNull()
    expect(toChartDays(quiet, null)).toEqual([{ date: "2026-03-01", sent: 1, opened: 1, clicked: 0, revenue: 0 }])
  })

  it("labels a day by its calendar date, whatever the time zone", () => {
    expect(formatDay("2026-03-01")).toMatch(/Mar\w* 1\b|1 Mar/)
  })
})
