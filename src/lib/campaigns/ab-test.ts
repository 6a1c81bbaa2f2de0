/**
 * A/B tests of one-off campaigns: the shape of a test, what makes one valid
 * against its campaign, how big the sample is, and which variant won.
 */

export const AB_TEST_METRICS = ["open_rate", "click_rate", "revenue"] as const
export type AbTestMetric = (typeof AB_TEST_METRICS)[number]

export const AB_TEST_LIMITS = {
  variants: { min: 2, max: 4 },
  samplePercent: { min: 5, max: 50 },
  decideAfterHours: { min: 1, max: 168 },
} as const

export type AbTestVariant = {
  key: string
  /** Replaces the campaign's subject for this variant. */
  subject?: string | null
  /** Sends this template instead of the campaign's. */
  template_id?: string | null
}

export type AbTest = {
  variants: AbTestVariant[]
  /** Share of the audience, in percent, that receives the variants; the rest gets the winner. */
  sample_percent: number
  metric: AbTestMetric
  decide_after_hours: number
}

export type CampaignIssue = { path: string; message: string }

/** What a variant sends once the campaign's own subject and template fill its gaps. */
export function effectiveVariant(
  variant: AbTestVariant,
  campaign: { subject?: string | null; template_id: string }
): { subject: string | null; template_id: string } {
  return {
    subject: variant.subject ?? campaign.subject ?? null,
    template_id: variant.template_id ?? campaign.template_id,
  }
}

/**
 * Problems of an A/B test against its campaign: keys must be distinct, and
 * no two variants may send the same subject with the same template, or
 * the test could only ever measure noise.
 */
export function abTestIssues(
  abTest: AbTest,
  campaign: { subject?: string | null; template_id: string }
): CampaignIssue[] {
  const issues: CampaignIssue[] = []
  const keys = new Map<string, number>()
  const sends = new Map<string, string>()
  abTest.variants.forEach((variant, index) => {
    const path = `ab_test.variants[${index}]`
    const sameKey = keys.get(variant.key)
    if (sameKey !== undefined) {
      issues.push({ path: `${path}.key`, message: `"${variant.key}" is already the key of variant ${sameKey + 1}; keys must be distinct` })
      return
    }
    keys.set(variant.key, index)
    const { subject, template_id } = effectiveVariant(variant, campaign)
    const signature = JSON.stringify([subject, template_id])
    const twin = sends.get(signature)
    if (twin !== undefined) {
      issues.push({
        path,
        message: `sends the same subject and template as variant "${twin}"; each variant must differ in subject or template`,
      })
      return
    }
    sends.set(signature, variant.key)
  })
  return issues
}

/**
 * How many contacts of an audience the sample takes: `percent` of it,
 * rounded up, and at least one per variant while the audience allows.
 */
export function sampleSize(audience: number, percent: number, variants: number): number {
  if (audience <= 0) {
    return 0
  }
  return Math.min(audience, Math.max(Math.ceil((audience * percent) / 100), variants))
}

/** What a variant's sample messages achieved so far. */
export type VariantOutcome = {
  variant: string | null
  sent: number
  /** Messages a person opened (machine opens excluded). */
  opened: number
  /** Messages a person clicked. */
  clicked: number
  /** Net attributed revenue: amounts less refunds, cancelled orders left out. */
  revenue: number
}

/** The metric's numerator and denominator for a variant: per message sent. */
function ratio(outcome: VariantOutcome | undefined, metric: AbTestMetric): { value: number; sent: number } {
  if (!outcome || outcome.sent <= 0) {
    return { value: 0, sent: 0 }
  }
  const value = metric === "open_rate" ? outcome.opened : metric === "click_rate" ? outcome.clicked : outcome.revenue
  return { value, sent: outcome.sent }
}

/** The variant's score on the metric (opens, clicks or revenue per message sent); 0 when nothing was sent. */
export function variantScore(outcome: VariantOutcome | undefined, metric: AbTestMetric): number {
  const { value, sent } = ratio(outcome, metric)
  return sent ? value / sent : 0
}

/**
 * The winning variant's key: the best score on the test's metric. Rates are
 * compared by cross-multiplying, so 3 of 10 and 6 of 20 tie exactly rather
 * than by floating-point luck; a tie goes to the variant listed first.
 */
export function pickWinner(abTest: AbTest, outcomes: VariantOutcome[]): string {
  const byKey = new Map(outcomes.map((outcome) => [outcome.variant, outcome]))
  let best = abTest.variants[0].key
  let bestRatio = ratio(byKey.get(best), abTest.metric)
  for (const variant of abTest.variants.slice(1)) {
    const candidate = ratio(byKey.get(variant.key), abTest.metric)
    const better = bestRatio.sent === 0
      ? candidate.sent > 0 && candidate.value > 0
      : candidate.sent > 0 && candidate.value * bestRatio.sent > bestRatio.value * candidate.sent
    if (better) {
      best = variant.key
      bestRatio = candidate
    }
  }
  return best
}
