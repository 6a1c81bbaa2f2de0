/** Counts of a campaign's messages in one group (a variant in one phase of the send). */
export type MessageCounts = {
  variant: string | null
  /** "sample" for an A/B test's variants, "winner" for the rest of the audience, null otherwise. */
  phase: string | null
  recipients: number
  sent: number
  delivered: number
  opened: number
  clicked: number
  bounced: number
  unsubscribed: number
  queued: number
  skipped: number
  failed: number
}

export type ConversionTotals = {
  variant: string | null
  phase: string | null
  currency_code: string
  conversions: number
  revenue: number
}

export type CampaignStats = Omit<MessageCounts, "variant" | "phase"> & {
  conversions: number
  /** Net revenue (refunds deducted, cancelled orders left out), all currencies added up. */
  revenue: number
  revenue_by_currency: Record<string, number>
  revenue_per_recipient: number
  /** Per message sent. */
  open_rate: number
  click_rate: number
}

const COUNT_FIELDS = [
  "recipients", "sent", "delivered", "opened", "clicked", "bounced", "unsubscribed", "queued", "skipped", "failed",
] as const

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0)
// Money sums of decimals drift in binary: keep them to the cent's hundredth.
const money = (value: number) => Math.round(value * 10_000) / 10_000

/** Adds up groups of counts and conversions into one set of figures with its rates. */
export function campaignStats(counts: MessageCounts[], conversions: ConversionTotals[]): CampaignStats {
  const totals = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 0])) as Record<(typeof COUNT_FIELDS)[number], number>
  for (const group of counts) {
    for (const field of COUNT_FIELDS) {
      totals[field] += group[field]
    }
  }
  const byCurrency: Record<string, number> = {}
  let conversionCount = 0
  for (const row of conversions) {
    conversionCount += row.conversions
    byCurrency[row.currency_code] = money((byCurrency[row.currency_code] ?? 0) + row.revenue)
  }
  const revenue = money(Object.values(byCurrency).reduce((sum, value) => sum + value, 0))
  return {
    ...totals,
    conversions: conversionCount,
    revenue,
    revenue_by_currency: byCurrency,
    revenue_per_recipient: money(share(revenue, totals.recipients)),
    open_rate: share(totals.opened, totals.sent),
    click_rate: share(totals.clicked, totals.sent),
  }
}

/** The groups that belong to one variant and phase. */
export function groupsOf<T extends { variant: string | null; phase: string | null }>(
  rows: T[],
  match: { variant?: string | null; phase?: string | null }
): T[] {
  return rows.filter(
    (row) =>
      (match.variant === undefined || row.variant === match.variant) &&
      (match.phase === undefined || row.phase === match.phase)
  )
}
