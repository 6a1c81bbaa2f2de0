/** A campaign's results as the rows and figures the results table shows. */
import { variantLabel } from "./campaign-ab"
import type { CampaignResults, CampaignStats } from "./campaign-types"
import { EMPTY_VALUE, formatAmount } from "./format"

export type ResultsRow = {
  id: string
  label: string
  /** What the row's emails said, for variants. */
  detail: string | null
  winner: boolean
  stats: CampaignStats
}

/**
 * The whole campaign first; then, for an A/B test, each variant over its
 * sample and the winner's send to the rest of the audience.
 */
export const resultRows = (
  results: CampaignResults,
  templateNames: Map<string, string> = new Map()
): ResultsRow[] => {
  const rows: ResultsRow[] = [{ id: "total", label: "All emails", detail: null, winner: false, stats: results.total }]
  for (const variant of results.variants) {
    rows.push({
      id: `variant-${variant.key}`,
      label: `Variant ${variantLabel(variant.key)} (sample)`,
      detail: variant.subject ?? (variant.template_id ? templateNames.get(variant.template_id) ?? variant.template_id : null),
      winner: variant.winner,
      stats: variant,
    })
  }
  if (results.winner_send) {
    rows.push({
      id: "winner-send",
      label: `Variant ${variantLabel(results.winner_send.key)} to the rest`,
      detail: null,
      winner: false,
      stats: results.winner_send,
    })
  }
  return rows
}

/** "12.5%"; a rate over nothing sent reads "-", not a misleading 0%. */
export const formatRate = (rate: number, sent: number): string =>
  sent > 0
    ? new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 }).format(rate)
    : EMPTY_VALUE

const currencies = (stats: CampaignStats) =>
  Object.entries(stats.revenue_by_currency ?? {}).filter(([, amount]) => amount !== 0)

/** Revenue in each currency it came in ("€120.00 + $40.00"); "-" when none came. */
export const formatRevenue = (stats: CampaignStats): string => {
  const amounts = currencies(stats)
  return amounts.length ? amounts.map(([code, amount]) => formatAmount(amount, code)).join(" + ") : EMPTY_VALUE
}

/**
 * Revenue per recipient in the one currency it came in. The API adds up
 * all currencies for this figure, which only means something with one.
 */
export const formatRevenuePerRecipient = (stats: CampaignStats): string => {
  const amounts = currencies(stats)
  if (!amounts.length) {
    return EMPTY_VALUE
  }
  return amounts.length === 1 ? formatAmount(stats.revenue_per_recipient, amounts[0][0]) : EMPTY_VALUE
}
