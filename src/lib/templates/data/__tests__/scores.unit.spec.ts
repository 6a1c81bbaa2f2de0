import { toTemplateScores } from "../scores"

describe("toTemplateScores", () => {
  it("gives templates numbers, the RFM group key and the next order's date", () => {
    expect(
      toTemplateScores({
        rfm_segment: "champions",
        rfm_recency: 5,
        rfm_frequency: 4,
        rfm_monetary: 5,
        engagement_score: "72.5",
        lead_score: "40",
        churn_risk: 0.125,
        probability_alive: "0.875",
        predicted_orders_365: "3.2",
        predicted_value_365: "180.5",
        next_order_expected_at: new Date("2027-03-04T15:00:00Z"),
      })
    ).toEqual({
      rfm_segment: "champions",
      rfm_recency: 5,
      rfm_frequency: 4,
      rfm_monetary: 5,
      engagement: 72.5,
      lead: 40,
      churn_risk: 0.125,
      probability_alive: 0.875,
      predicted_orders_365: 3.2,
      predicted_value_365: 180.5,
      next_order_expected_at: "2027-03-04",
    })
  })

  it("leaves what was never scored null rather than zero", () => {
    const scores = toTemplateScores({ lead_score: 0, churn_risk: null, predicted_value_365: "" })
    expect(scores).toMatchObject({ rfm_segment: null, lead: 0, churn_risk: null, predicted_value_365: null, next_order_expected_at: null })
  })
})
