import { RFM_SEGMENTS, RfmSegmentKey } from "../../../lib/scoring/rfm-segments"

/**
 * The Scores page's numbers in one pass over the contacts: the grouping sets
 * share a single scan, so a million contacts cost one sequential read and a
 * few small hash tables, never rows in Node. Rows are tagged by `kind`:
 * `group` per RFM group, `cell` per recency × frequency pair, `churn` per
 * tenth of churn risk (buyers only, 1.0 in the last bucket), and one `all`.
 * Churn risk is a `real`: as numeric it is the value the admin shows (0.7),
 * where float arithmetic would put 0.7 × 10 just under 7, a bucket too low.
 * Erased and deleted contacts do not count. No parameters.
 */
export const SCORE_SUMMARY_SQL = `
SELECT
  CASE
    WHEN GROUPING(c.rfm_segment) = 0 THEN 'group'
    WHEN GROUPING(c.rfm_recency, c.rfm_frequency) = 0 THEN 'cell'
    WHEN GROUPING(c.churn_bucket) = 0 THEN 'churn'
    ELSE 'all'
  END AS kind,
  c.rfm_segment, c.rfm_recency, c.rfm_frequency, c.churn_bucket,
  count(*)::int AS contacts,
  count(*) FILTER (WHERE c.orders_count > 0)::int AS buyers,
  coalesce(sum(c.total_spent), 0)::float8 AS revenue,
  -- Summed as double: a million reals summed in single precision drift.
  coalesce(sum(c.predicted_value_365::float8), 0) AS predicted_value_365,
  max(c.scores_updated_at) AS last_scored_at
FROM (
  SELECT rfm_segment, rfm_recency, rfm_frequency, orders_count, total_spent,
         predicted_value_365, scores_updated_at,
         CASE WHEN orders_count > 0 AND churn_risk IS NOT NULL
              THEN least(greatest(floor(churn_risk::numeric * 10), 0), 9)::int END AS churn_bucket
  FROM marketing_contact
  WHERE deleted_at IS NULL AND erased_at IS NULL
) c
GROUP BY GROUPING SETS ((c.rfm_segment), (c.rfm_recency, c.rfm_frequency), (c.churn_bucket), ())`

export type ScoreSummaryRow = {
  kind: "group" | "cell" | "churn" | "all"
  rfm_segment: string | null
  rfm_recency: number | null
  rfm_frequency: number | null
  churn_bucket: number | null
  contacts: number
  buyers: number
  revenue: number
  predicted_value_365: number
  last_scored_at: Date | string | null
}

export type ScoreSummaryGroup = {
  key: RfmSegmentKey
  label: string
  description: string
  contacts: number
  /** Sum of the members' total spent, in the store's default currency. */
  revenue: number
  /** Revenue per member; 0 for an empty group. */
  average_revenue: number
  /** Members over all buyers in a group, 0 to 1. */
  share_of_buyers: number
}

export type ScoreSummary = {
  /** Contacts that are neither deleted nor erased. */
  contacts: number
  /** Of those, the ones with at least one order. */
  buyers: number
  /** Buyers the last scoring put in an RFM group. */
  grouped_buyers: number
  /** The eleven RFM groups in the order of the RFM map, empty ones included. */
  groups: ScoreSummaryGroup[]
  /** Buyers per recency × frequency score: 25 cells, by recency then frequency, 1 to 5. */
  grid: { recency: number; frequency: number; contacts: number }[]
  /** Buyers per tenth of churn risk, from 0–0.1 up to 0.9–1.0. */
  churn_risk: { from: number; to: number; contacts: number }[]
  /** Sum of every contact's predicted spend over the next 365 days. */
  predicted_value_365: number
  /** When the most recently scored contact was scored. */
  last_scored_at: string | null
}

const SCORES = [1, 2, 3, 4, 5]

/** Shapes the rows of SCORE_SUMMARY_SQL, filling what had no contact with zeros. */
export function toScoreSummary(rows: ScoreSummaryRow[]): ScoreSummary {
  const all = rows.find((row) => row.kind === "all")
  const groups = new Map(rows.filter((row) => row.kind === "group").map((row) => [row.rfm_segment, row]))
  const cells = new Map(
    rows.filter((row) => row.kind === "cell").map((row) => [`${row.rfm_recency}:${row.rfm_frequency}`, row.contacts])
  )
  const churn = new Map(rows.filter((row) => row.kind === "churn").map((row) => [row.churn_bucket, row.contacts]))
  const grouped = RFM_SEGMENTS.reduce((sum, segment) => sum + (groups.get(segment.key)?.contacts ?? 0), 0)
  const lastScored = all?.last_scored_at ? new Date(all.last_scored_at).toISOString() : null

  return {
    contacts: all?.contacts ?? 0,
    buyers: all?.buyers ?? 0,
    grouped_buyers: grouped,
    groups: RFM_SEGMENTS.map((segment) => {
      const row = groups.get(segment.key)
      const contacts = row?.contacts ?? 0
      const revenue = row?.revenue ?? 0
      return {
        key: segment.key,
        label: segment.label,
        description: segment.description,
        contacts,
        revenue,
        average_revenue: contacts ? revenue / contacts : 0,
        share_of_buyers: grouped ? contacts / grouped : 0,
      }
    }),
    grid: SCORES.flatMap((recency) =>
      SCORES.map((frequency) => ({ recency, frequency, contacts: cells.get(`${recency}:${frequency}`) ?? 0 }))
    ),
    churn_risk: Array.from({ length: 10 }, (_, bucket) => ({
      from: bucket / 10,
      to: (bucket + 1) / 10,
      contacts: churn.get(bucket) ?? 0,
    })),
    predicted_value_365: all?.predicted_value_365 ?? 0,
    last_scored_at: lastScored,
  }
}
