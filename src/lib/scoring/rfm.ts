import { daysAgo, formatAmount, plural } from "./explain-format"
import { explainRfmSegment, fmScore, rfmSegment, RfmSegmentKey } from "./rfm-segments"

/** A contact as RFM sees it; non-buyers may be passed and get no score. */
export type RfmInput = {
  id: string
  /** Days since the last non-canceled order; null for a contact who never ordered. */
  days_since_last_order: number | null
  /** Non-canceled orders. */
  orders: number
  /** Net spend after refunds, in the currency's main unit. */
  monetary: number
}

export type RfmScoreValue = 1 | 2 | 3 | 4 | 5

export type RfmScore = {
  recency: RfmScoreValue
  frequency: RfmScoreValue
  monetary: RfmScoreValue
  /** The FM axis of the segment grid: mean of F and M, rounded half up. */
  fm: number
  segment: RfmSegmentKey
}

/**
 * Cut points on the ascending scale: entry k (0..3) is the smallest observed
 * value that earns k + 2, or null when no observed value earns it.
 */
export type RfmBoundaries = [number | null, number | null, number | null, number | null]

export type RfmBoundarySet = {
  recency: RfmBoundaries
  frequency: RfmBoundaries
  monetary: RfmBoundaries
}

/*
 * Quintile method: the mid-rank percentile.
 *
 * Sorting the n values ascending, a value with `below` smaller values and
 * `equal` copies of itself has the percentile rank (below + equal / 2) / n,
 * the midpoint of the block its ties share, and the ascending score
 *
 *   1 + min(4, floor(5 · (2 · below + equal) / (2n)))
 *
 * Ties always share a score (they share below and equal); with n distinct
 * values it is plain quintiles (10 buyers: two per score). Because the rank is
 * the middle of the population, nothing to compare against gives the neutral
 * 3: a store's first buyer scores 3/3/3, and so does everyone when all values
 * are equal. Integer arithmetic keeps the floor exact at quintile edges.
 *
 * The score only rises with the value, so it is also "1 + the number of cut
 * points the value reaches", which is how `scoreWithBoundaries` applies it.
 * That form is the one rule for every path: the nightly refresh computes the
 * cut points (here, or in SQL with the same formula:
 *   1 + LEAST(4, FLOOR(5 * (2 * (RANK() OVER (ORDER BY v) - 1)
 *                          + COUNT(*) OVER (PARTITION BY v)) / (2.0 * COUNT(*) OVER ())))
 * then MIN(v) per score), and scoring one contact after an event, or in SQL as
 * 1 + (v >= c2) + (v >= c3) + (v >= c4) + (v >= c5) with a missing cut point
 * counting as not reached, compares against the stored cut points.
 */

function ascendingScore(below: number, equal: number, n: number): number {
  return 1 + Math.min(4, Math.floor((5 * (2 * below + equal)) / (2 * n)))
}

/** The four cut points of `values` (non-finite values are ignored). */
export function computeRfmBoundaries(values: number[]): RfmBoundaries {
  const sorted = values.filter(Number.isFinite).sort((x, y) => x - y)
  const boundaries: RfmBoundaries = [null, null, null, null]
  const n = sorted.length
  let start = 0
  while (start < n) {
    let end = start
    while (end < n && sorted[end] === sorted[start]) {
      end++
    }
    const score = ascendingScore(start, end - start, n)
    for (let k = 0; k < 4; k++) {
      if (score >= k + 2 && boundaries[k] === null) {
        boundaries[k] = sorted[start]
      }
    }
    start = end
  }
  return boundaries
}

/**
 * The score of `value` against cut points from `computeRfmBoundaries`. With
 * `higherIsBetter` false (recency in days) the scale is turned over, 6 minus
 * the ascending score, so the most recent fifth scores 5.
 */
export function scoreWithBoundaries(
  value: number,
  boundaries: RfmBoundaries,
  higherIsBetter: boolean
): RfmScoreValue {
  let ascending = 1
  for (const cut of boundaries) {
    if (cut !== null && value >= cut) {
      ascending++
    }
  }
  return (higherIsBetter ? ascending : 6 - ascending) as RfmScoreValue
}

const isBuyer = (input: RfmInput) =>
  input.orders >= 1 && input.days_since_last_order !== null && Number.isFinite(input.days_since_last_order)

/**
 * Cut points over the buyers only. Monetary uses buyers with a positive net
 * spend: refunds that wipe out a buyer's spend score 1 outright, and letting
 * those zeros into the ranking would push every real spender up a score.
 */
export function computeRfmBoundarySet(inputs: RfmInput[]): RfmBoundarySet {
  const buyers = inputs.filter(isBuyer)
  return {
    recency: computeRfmBoundaries(buyers.map((buyer) => buyer.days_since_last_order!)),
    frequency: computeRfmBoundaries(buyers.map((buyer) => buyer.orders)),
    monetary: computeRfmBoundaries(
      buyers.filter((buyer) => buyer.monetary > 0).map((buyer) => buyer.monetary)
    ),
  }
}

/** One contact's scores against stored cut points; null for a non-buyer. */
export function rfmScoreFor(input: RfmInput, boundaries: RfmBoundarySet): RfmScore | null {
  if (!isBuyer(input)) {
    return null
  }
  const recency = scoreWithBoundaries(input.days_since_last_order!, boundaries.recency, false)
  const frequency = scoreWithBoundaries(input.orders, boundaries.frequency, true)
  const monetary =
    input.monetary > 0 ? scoreWithBoundaries(input.monetary, boundaries.monetary, true) : 1
  return {
    recency,
    frequency,
    monetary,
    fm: fmScore(frequency, monetary),
    segment: rfmSegment(recency, frequency, monetary),
  }
}

/** Scores a whole population: cut points from its buyers, then each contact. */
export function rfmScores(inputs: RfmInput[]): {
  boundaries: RfmBoundarySet
  scores: { id: string; score: RfmScore | null }[]
} {
  const boundaries = computeRfmBoundarySet(inputs)
  return {
    boundaries,
    scores: inputs.map((input) => ({ id: input.id, score: rfmScoreFor(input, boundaries) })),
  }
}

const BANDS: Record<RfmScoreValue, string> = {
  5: "top 20%",
  4: "top 40%",
  3: "middle 20%",
  2: "bottom 40%",
  1: "bottom 20%",
}

/** Sentences for the admin on why a contact has its RFM scores. */
export function explainRfm(
  input: RfmInput,
  score: RfmScore | null,
  options: { currencyCode?: string | null } = {}
): string[] {
  if (!score) {
    return ["No RFM score: the contact has no order yet."]
  }
  const spend = formatAmount(input.monetary, options.currencyCode)
  return [
    `Recency ${score.recency}: last order ${daysAgo(input.days_since_last_order!)} (${BANDS[score.recency]} of buyers by recency).`,
    `Frequency ${score.frequency}: ${plural(input.orders, "order")} (${BANDS[score.frequency]} of buyers by orders).`,
    input.monetary > 0
      ? `Monetary ${score.monetary}: ${spend} spent after refunds (${BANDS[score.monetary]} of buyers by spend).`
      : `Monetary 1: refunds leave a net spend of ${spend}, which always scores lowest.`,
    explainRfmSegment(score.recency, score.frequency, score.monetary),
  ]
}
