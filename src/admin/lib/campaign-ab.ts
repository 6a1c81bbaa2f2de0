/** The A/B test of a campaign in words: its variants' names, its metric, and what will happen. */
import { AB_TEST_LIMITS, sampleSize } from "../../lib/campaigns/ab-test"
import type { AbTestMetric } from "./campaign-types"
import { formatCount, pluralize } from "./format"

export { AB_TEST_LIMITS }

/** Keys the wizard gives variants, in order; the API allows up to four. */
export const VARIANT_KEYS = ["a", "b", "c", "d"] as const

export const METRIC_LABELS: Record<AbTestMetric, string> = {
  open_rate: "Open rate",
  click_rate: "Click rate",
  revenue: "Revenue per email",
}

const METRIC_PHRASES: Record<AbTestMetric, string> = {
  open_rate: "the most opens per email sent",
  click_rate: "the most clicks per email sent",
  revenue: "the most attributed revenue per email sent",
}

/** "A" for key "a"; longer keys (from the API) read as they are. */
export const variantLabel = (key: string): string => (key.length === 1 ? key.toUpperCase() : key)

export type AbTestPlan = {
  /** Contacts who get a variant; null while the audience is unknown. */
  sample: number | null
  perVariant: number | null
  /** Contacts who get the winner. */
  rest: number | null
}

/** How an audience splits: the server's own sample size, so the numbers shown are the ones it will use. */
export const abTestPlan = (audience: number | null | undefined, percent: number, variants: number): AbTestPlan => {
  if (audience === null || audience === undefined || !Number.isFinite(percent) || variants < 1) {
    return { sample: null, perVariant: null, rest: null }
  }
  const sample = sampleSize(audience, percent, variants)
  return { sample, perVariant: Math.floor(sample / variants), rest: audience - sample }
}

type ExplainInput = {
  audience: number | null | undefined
  samplePercent: number
  variants: number
  metric: AbTestMetric
  decideAfterHours: number
  localTime: boolean
}

/** What happens when the campaign sends, step by step, with today's numbers where the audience is known. */
export const explainAbTest = (input: ExplainInput): string[] => {
  const plan = abTestPlan(input.audience, input.samplePercent, input.variants)
  const hours = pluralize(input.decideAfterHours, "hour", "hours")
  const after = input.localTime ? `${hours} after the last time zone got it` : `${hours} later`
  return [
    plan.sample === null
      ? `${input.samplePercent}% of the audience get the ${input.variants} variants, split evenly.`
      : `${input.samplePercent}% of the audience (${formatCount(plan.sample)} of ${pluralize(
          input.audience ?? 0,
          "contact",
          "contacts"
        )} now) get the ${input.variants} variants, split evenly: about ${formatCount(plan.perVariant)} each.`,
    `${after[0].toUpperCase()}${after.slice(1)}, the variant with ${METRIC_PHRASES[input.metric]} wins; a tie goes to variant A.`,
    plan.rest === null
      ? "Then the winner goes to the rest of the audience, exactly as it was tested."
      : `Then the winner goes to the other ${pluralize(plan.rest, "contact", "contacts")}, exactly as it was tested.`,
  ]
}
