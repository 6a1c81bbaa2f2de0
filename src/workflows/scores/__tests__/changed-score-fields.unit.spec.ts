import { ContactScoreValues } from "../../../lib/scoring"
import type { ScorePageContact } from "../../../modules/marketing/repositories/score-refresh-sql"
import { addChangedScoreFields, sameScoreValues } from "../score-page"

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
  scores_due_at: "2027-01-08T00:00:00.000Z",
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
  scores_due_at: Date.UTC(2027, 0, 8),
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

describe("sameScoreValues and the due time", () => {
  const now = Date.UTC(2027, 0, 1, 12)
  const at = (ms: number) => new Date(ms).toISOString()

  it("keeps a due time ahead when the new one is no earlier: reading the contact then only finds nothing changed", () => {
    expect(sameScoreValues(stored, computed, now)).toBe(true)
    expect(sameScoreValues(stored, { ...computed, scores_due_at: at(Date.UTC(2027, 0, 20)) }, now)).toBe(true)
  })

  it("writes a due time ahead that is now earlier, as after a refit", () => {
    expect(sameScoreValues(stored, { ...computed, scores_due_at: at(Date.UTC(2027, 0, 2)) }, now)).toBe(false)
  })

  it("writes a passed due time moved ahead, so the contact is not read again every hour", () => {
    const due = { ...stored, scores_due_at: now - 3_600_000 }
    expect(sameScoreValues(due, computed, now)).toBe(false)
    expect(sameScoreValues(due, { ...computed, scores_due_at: at(now) }, now)).toBe(true)
  })

  it("writes a due time never set", () => {
    expect(sameScoreValues({ ...stored, scores_due_at: null }, { ...computed, scores_due_at: at(now) }, now)).toBe(false)
  })
})
