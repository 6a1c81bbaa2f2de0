import fc from "fast-check"
import { ContactScoreValues, scoreContactFromStored, ScoringInput, ScoringModel, StoredActivityScores } from "../contact-scores"
import type { PredictionModel } from "../predict"

const DAY = 86_400_000
const NOW = new Date("2027-03-10T09:00:00Z")

const RFM: ScoringModel["rfm"] = { recency: [30, 90, 180, 365], frequency: [2, 3, 4, 6], monetary: [50, 100, 200, 400] }

const store: PredictionModel["store"] = {
  buyers: 1000,
  repeat_buyers: 400,
  median_gap_days: 45,
  median_gap_source: "orders",
  average_order_value: 60,
}

const modelArb = fc.oneof(
  fc.record({
    r: fc.double({ min: 0.1, max: 3, noNaN: true }),
    alpha: fc.double({ min: 1, max: 300, noNaN: true }),
    a: fc.double({ min: 0.05, max: 3, noNaN: true }),
    b: fc.double({ min: 0.2, max: 10, noNaN: true }),
  }),
  fc.constant(null)
).map(
  (bgNbd): ScoringModel => ({
    rfm: RFM,
    prediction: {
      model: bgNbd ? "bg_nbd" : "median_gap",
      reason: "test",
      bg_nbd: bgNbd,
      gamma_gamma: bgNbd ? { p: 4, q: 3, gamma: 80 } : null,
      store,
      decay_gaps: 3,
    },
    fitted_at: NOW.toISOString(),
  })
)

const contactArb = fc
  .record({
    orders: fc.integer({ min: 0, max: 25 }),
    firstDaysAgo: fc.double({ min: 0, max: 1500, noNaN: true }),
    lastShare: fc.double({ min: 0, max: 1, noNaN: true }),
    spent: fc.double({ min: 0, max: 5000, noNaN: true }),
    points: fc.double({ min: 0, max: 300, noNaN: true }),
    countedDaysAgo: fc.double({ min: 0, max: 60, noNaN: true }),
    recheckDaysAhead: fc.option(fc.double({ min: 0, max: 60, noNaN: true })),
  })
  .map(({ orders, firstDaysAgo, lastShare, spent, points, countedDaysAgo, recheckDaysAhead }) => {
    const first = NOW.getTime() - firstDaysAgo * DAY
    const input: ScoringInput = {
      id: "mkt_con_1",
      orders_count: orders,
      total_spent: orders ? spent : 0,
      first_order_at: orders ? first : null,
      last_order_at: orders ? first + (orders > 1 ? lastShare : 0) * firstDaysAgo * DAY : null,
      last_seen_at: null,
      currency_code: "eur",
    }
    const stored: StoredActivityScores = {
      engagement_points: Math.fround(points),
      engagement_counted_at: NOW.getTime() - countedDaysAgo * DAY,
      lead_score: 10,
      scores_recheck_at: recheckDaysAhead === null ? null : NOW.getTime() + recheckDaysAhead * DAY,
    }
    return { input, stored }
  })

const NON_BUYER: ScoringInput = {
  id: "mkt_con_2",
  orders_count: 0,
  total_spent: 0,
  first_order_at: null,
  last_order_at: null,
  last_seen_at: null,
  currency_code: null,
}

/** The values time alone moves, as they are stored. */
const shown = (scores: ContactScoreValues) => ({
  engagement_score: scores.engagement_score,
  churn_risk: scores.churn_risk,
  probability_alive: scores.probability_alive,
  predicted_orders_365: scores.predicted_orders_365,
  predicted_value_365: scores.predicted_value_365,
  next_order_expected_at: scores.next_order_expected_at,
})

describe("scores_due_at", () => {
  it("no shown value changes before the due time, which is never after the recheck", () => {
    fc.assert(
      fc.property(modelArb, contactArb, fc.double({ min: 0, max: 1, noNaN: true }), (model, { input, stored }, share) => {
        const now = scoreContactFromStored(input, stored, model, NOW)
        const due = Date.parse(now.scores_due_at)
        expect(due).toBeGreaterThanOrEqual(NOW.getTime())
        if (stored.scores_recheck_at !== null) {
          expect(due).toBeLessThanOrEqual(Number(stored.scores_recheck_at))
        }
        const between = new Date(NOW.getTime() + share * (due - NOW.getTime()))
        expect(shown(scoreContactFromStored(input, stored, model, between))).toEqual(shown(now))
      }),
      { numRuns: 2000 }
    )
  })

  it("spreads contacts nothing moves for 30 days over its second half, by id", () => {
    const [model] = fc.sample(modelArb, { numRuns: 1, seed: 1 })
    const stored = { engagement_points: 0, engagement_counted_at: NOW, lead_score: 0, scores_recheck_at: null }
    const dues = Array.from({ length: 200 }, (_, i) =>
      Date.parse(scoreContactFromStored({ ...NON_BUYER, id: `mkt_con_${i}` }, stored, model, NOW).scores_due_at) - NOW.getTime()
    )
    expect(Math.min(...dues)).toBeGreaterThanOrEqual(15 * DAY)
    expect(Math.max(...dues)).toBeLessThanOrEqual(30 * DAY)
    // Spread out: about 13 a day; no day of the second half holds more than 30 of them.
    const perDay = new Map<number, number>()
    dues.forEach((due) => perDay.set(Math.floor(due / DAY), (perDay.get(Math.floor(due / DAY)) ?? 0) + 1))
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(30)
    expect(scoreContactFromStored(NON_BUYER, stored, model, NOW).scores_due_at).toEqual(
      scoreContactFromStored(NON_BUYER, stored, model, new Date(NOW)).scores_due_at
    )
  })

  it("finds when engagement next drops a whole point, to within half an hour", () => {
    const [model] = fc.sample(modelArb, { numRuns: 1, seed: 1 })
    const dueIn = (points: number) => {
      const stored = { engagement_points: Math.fround(points), engagement_counted_at: NOW, lead_score: 0, scores_recheck_at: null }
      const scores = scoreContactFromStored(NON_BUYER, stored, model, NOW)
      expect(scores.engagement_score).toBe(99)
      return (Date.parse(scores.scores_due_at) - NOW.getTime()) / 3_600_000
    }
    // At a 30-day half-life the score drops to 98 when the points fall under 98.5.
    const drop = (points: number) => 30 * 24 * Math.log2(points / 98.5)
    for (const points of [99.4, 98.7, 98.52]) {
      expect(dueIn(points)).toBeLessThanOrEqual(drop(points))
      expect(dueIn(points)).toBeGreaterThan(drop(points) - 0.5 - drop(points) / 8)
    }
  })
})
