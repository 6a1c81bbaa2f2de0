import { campaignStats, groupsOf, MessageCounts } from "../results"

const counts = (variant: string | null, phase: string | null, figures: Partial<MessageCounts>): MessageCounts => ({
  variant,
  phase,
  recipients: 0,
  sent: 0,
  delivered: 0,
  opened: 0,
  clicked: 0,
  bounced: 0,
  unsubscribed: 0,
  queued: 0,
  skipped: 0,
  failed: 0,
  ...figures,
})

describe("campaignStats", () => {
  const rows = [
    counts("a", "sample", { recipients: 10, sent: 10, opened: 5, clicked: 2 }),
    counts("b", "sample", { recipients: 10, sent: 8, opened: 2, clicked: 1, skipped: 2 }),
    counts("b", "winner", { recipients: 80, sent: 80, opened: 20, clicked: 10 }),
  ]
  const conversions = [
    { variant: "b", phase: "winner", currency_code: "eur", conversions: 2, revenue: 0.1 },
    { variant: "b", phase: "winner", currency_code: "eur", conversions: 1, revenue: 0.2 },
    { variant: "a", phase: "sample", currency_code: "usd", conversions: 1, revenue: 50 },
  ]

  it("adds up groups and derives rates per message sent and revenue per recipient", () => {
    const total = campaignStats(rows, conversions)
    expect(total).toMatchObject({ recipients: 100, sent: 98, opened: 27, clicked: 13, skipped: 2, conversions: 4 })
    expect(total.open_rate).toBeCloseTo(27 / 98)
    expect(total.revenue_by_currency).toEqual({ eur: 0.3, usd: 50 })
    expect(total.revenue).toEqual(50.3)
    expect(total.revenue_per_recipient).toEqual(0.503)
  })

  it("keeps a variant's sample apart from the winner's send", () => {
    const sample = campaignStats(groupsOf(rows, { variant: "b", phase: "sample" }), groupsOf(conversions, { variant: "b", phase: "sample" }))
    expect(sample).toMatchObject({ recipients: 10, sent: 8, clicked: 1, conversions: 0, revenue: 0 })
    expect(sample.click_rate).toEqual(1 / 8)
  })

  it("reports zero rates rather than dividing by nothing", () => {
    expect(campaignStats([], [])).toMatchObject({ open_rate: 0, click_rate: 0, revenue_per_recipient: 0 })
  })
})
