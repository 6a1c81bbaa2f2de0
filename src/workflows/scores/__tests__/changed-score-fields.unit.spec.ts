import { ContactScoreValues } from "../../../lib/scoring"
import type { ScorePageContact } from "../../../modules/marketing/repositories/score-refresh-sql"
import { addChangedScoreFields } from "../score-page"

const NEXT_ORDER = Date.UTC(2027, 0, 14)

const computed: ContactScoreValues = {
  id: "mkt_con_1",
  rfm_recency: 4,
  rfm_frequency: 3,
  rfm_monetary: 5,
  rfm_segment: "loyal",
  engagement_score: 37,
  engagement_points: 36.8,
  engagement_counted_at: "2027-01-01T00:00:00.000Z",
  lead_score: 20,
  churn_risk: 0.1,
  probability_alive: 0.9,
  predicted_orders_365: 2.35,
  predicted_value_365: 412.5,
  next_order_expected_at: new Date(NEXT_ORDER).toISOString(),
  scores_recheck_at: null,
  scores_updated_at: "2027-01-01T00:00:00.000Z",
}

// As the page query reads it back: `real` columns in single precision, instants as epoch ms.
const stored: ScorePageContact = {
  id: "mkt_con_1",
  orders_count: 3,
  total_spent: 600,
  first_order_at: null,
  last_order_at: null,
  last_seen_at: null,
  currency_code: "eur",
  rfm_recency: 4,
  rfm_frequency: 3,
  rfm_monetary: 5,
  rfm_segment: "loyal",
  engagement_score: 37,
  engagement_points: Math.fround(36.8),
  engagement_counted_at: Date.UTC(2027, 0, 1),
  lead_score: 20,
  churn_risk: Math.fround(0.1),
  probability_alive: Math.fround(0.9),
  predicted_orders_365: Math.fround(2.35),
  predicted_value_365: Math.fround(412.5),
  next_order_expected_at: NEXT_ORDER,
  scores_recheck_at: null,
  version: "1",
  unscored: false,
}

const changed = (row: ScorePageContact, scores: ContactScoreValues) => {
  const fields = new Set<string>()
  addChangedScoreFields(row, scores, fields)
  return [...fields].sort()
}

describe("addChangedScoreFields", () => {
  it("finds nothing where values equal their stored form", () => {
    expect(changed(stored, computed)).toEqual([])
  })

  it("names the segment fields that moved, and not the bookkeeping columns", () => {
    expect(
      changed(stored, {
        ...computed,
        churn_risk: 0.101,
        next_order_expected_at: new Date(NEXT_ORDER + 86_400_000).toISOString(),
        engagement_points: 30,
        scores_recheck_at: "2027-02-01T00:00:00.000Z",
      })
    ).toEqual(["churn_risk", "next_order_expected_at"])
    expect(changed(stored, { ...computed, rfm_segment: "champions", lead_score: 25 })).toEqual([
      "lead_score",
      "rfm_segment",
    ])
    expect(changed({ ...stored, predicted_orders_365: null }, computed)).toEqual(["predicted_orders_365"])
  })

  it("names every field for a contact never scored", () => {
    expect(changed({ ...stored, unscored: true }, computed)).toHaveLength(11)
  })
})
