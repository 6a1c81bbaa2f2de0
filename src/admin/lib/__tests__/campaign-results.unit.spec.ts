import { formatRate, formatRevenue, formatRevenuePerRecipient, resultRows } from "../campaign-results"
import type { CampaignResults, CampaignStats } from "../campaign-types"

const stats = (patch: Partial<CampaignStats> = {}): CampaignStats => ({
  recipients: 10,
  sent: 10,
  delivered: 10,
  opened: 0,
  clicked: 0,
  bounced: 0,
  unsubscribed: 0,
  queued: 0,
  skipped: 0,
  failed: 0,
  conversions: 0,
  revenue: 0,
  revenue_by_currency: {},
  revenue_per_recipient: 0,
  open_rate: 0,
  click_rate: 0,
  ...patch,
})

describe("campaign results", () => {
  it("lists every email, then each variant's sample with the winner marked, then the winner's send", () => {
    const results: CampaignResults = {
      total: stats({ recipients: 40 }),
      variants: [
        { key: "a", subject: "New linen", template_id: null, winner: false, ...stats({ clicked: 1 }) },
        { key: "b", subject: null, template_id: "mkt_tpl_2", winner: true, ...stats({ clicked: 3 }) },
      ],
      winner_send: { key: "b", ...stats({ recipients: 20 }) },
      series: [],
    }
    const rows = resultRows(results, new Map([["mkt_tpl_2", "Summer look"]]))
    expect(rows.map((row) => [row.label, row.detail, row.winner, row.stats.recipients])).toEqual([
      ["All emails", null, false, 40],
      ["Variant A (sample)", "New linen", false, 10],
      ["Variant B (sample)", "Summer look", true, 10],
      ["Variant B to the rest", null, false, 20],
    ])
  })

  it("a campaign without a test has one row", () => {
    expect(resultRows({ total: stats(), variants: [], winner_send: null, series: [] })).toHaveLength(1)
  })

  it("a rate over nothing sent is no rate at all", () => {
    expect(formatRate(0.3, 10)).toMatch(/^30(\.0)?\s?%$/)
    expect(formatRate(0.125, 8)).toMatch(/^12\.5\s?%$/)
    expect(formatRate(0, 0)).toEqual("-")
  })

  it("shows revenue per currency, and per recipient only when it came in one currency", () => {
    const euros = stats({ revenue: 100, revenue_by_currency: { eur: 100 }, revenue_per_recipient: 2.5 })
    expect(formatRevenue(euros)).toMatch(/100\.00/)
    expect(formatRevenue(euros)).toMatch(/€/)
    expect(formatRevenuePerRecipient(euros)).toMatch(/2\.50/)

    const mixed = stats({ revenue: 140, revenue_by_currency: { eur: 100, usd: 40 }, revenue_per_recipient: 3.5 })
    expect(formatRevenue(mixed)).toMatch(/€100\.00 \+ \$40\.00/)
    expect(formatRevenuePerRecipient(mixed)).toEqual("-")

    expect(formatRevenue(stats())).toEqual("-")
    expect(formatRevenuePerRecipient(stats())).toEqual("-")
  })
})
