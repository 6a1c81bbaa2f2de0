import { sampleSize } from "../../../lib/campaigns/ab-test"
import { abTestPlan, explainAbTest, variantLabel } from "../campaign-ab"

describe("A/B test plan", () => {
  it("splits the audience with the sample size the server will use", () => {
    expect(abTestPlan(1000, 20, 2)).toEqual({ sample: 200, perVariant: 100, rest: 800 })
    // Rounded up, and at least one contact per variant.
    expect(abTestPlan(7, 5, 3)).toEqual({ sample: sampleSize(7, 5, 3), perVariant: 1, rest: 4 })
    expect(abTestPlan(undefined, 20, 2)).toEqual({ sample: null, perVariant: null, rest: null })
  })

  it("explains what happens with today's numbers", () => {
    const [sample, decision, rest] = explainAbTest({
      audience: 1000,
      samplePercent: 20,
      variants: 2,
      metric: "click_rate",
      decideAfterHours: 4,
      localTime: false,
    })
    expect(sample).toEqual("20% of the audience (200 of 1,000 contacts now) get the 2 variants, split evenly: about 100 each.")
    expect(decision).toEqual("4 hours later, the variant with the most clicks per email sent wins; a tie goes to variant A.")
    expect(rest).toEqual("Then the winner goes to the other 800 contacts, exactly as it was tested.")
  })

  it("waits for the last time zone of a local-time send, and does without a count", () => {
    const lines = explainAbTest({
      audience: undefined,
      samplePercent: 10,
      variants: 3,
      metric: "revenue",
      decideAfterHours: 1,
      localTime: true,
    })
    expect(lines).toEqual([
      "10% of the audience get the 3 variants, split evenly.",
      "1 hour after the last time zone got it, the variant with the most attributed revenue per email sent wins; a tie goes to variant A.",
      "Then the winner goes to the rest of the audience, exactly as it was tested.",
    ])
  })

  it("names variants by letter", () => {
    expect(["a", "b", "subject-2"].map(variantLabel)).toEqual(["A", "B", "subject-2"])
  })
})
