import { AbTest, abTestIssues, pickWinner, sampleSize, variantScore, VariantOutcome } from "../ab-test"

const test = (metric: AbTest["metric"], keys = ["a", "b"]): AbTest => ({
  variants: keys.map((key) => ({ key, subject: `Subject ${key}` })),
  sample_percent: 20,
  metric,
  decide_after_hours: 4,
})

const outcome = (variant: string, figures: Partial<VariantOutcome>): VariantOutcome => ({
  variant,
  sent: 0,
  opened: 0,
  clicked: 0,
  revenue: 0,
  ...figures,
})

describe("pickWinner", () => {
  it("picks the best rate per message sent, not the largest count", () => {
    const outcomes = [outcome("a", { sent: 100, opened: 30 }), outcome("b", { sent: 40, opened: 20 })]
    expect(pickWinner(test("open_rate"), outcomes)).toEqual("b")
    expect(variantScore(outcomes[1], "open_rate")).toEqual(0.5)
  })

  it("judges each metric on its own figure", () => {
    const outcomes = [
      outcome("a", { sent: 10, opened: 8, clicked: 1, revenue: 500 }),
      outcome("b", { sent: 10, opened: 2, clicked: 4, revenue: 100 }),
      outcome("c", { sent: 10, opened: 3, clicked: 2, revenue: 900 }),
    ]
    const three = (metric: AbTest["metric"]) => test(metric, ["a", "b", "c"])
    expect(pickWinner(three("open_rate"), outcomes)).toEqual("a")
    expect(pickWinner(three("click_rate"), outcomes)).toEqual("b")
    expect(pickWinner(three("revenue"), outcomes)).toEqual("c")
  })

  it("gives a tie to the variant listed first, exactly equal rates included", () => {
    // 3/10 and 6/20 are the same rate; so are two variants with nothing yet.
    const tied = [outcome("a", { sent: 10, clicked: 3 }), outcome("b", { sent: 20, clicked: 6 })]
    expect(pickWinner(test("click_rate"), tied)).toEqual("a")
    expect(pickWinner(test("click_rate", ["b", "a"]), tied)).toEqual("b")
    expect(pickWinner(test("revenue"), [])).toEqual("a")
  })

  it("a variant with nothing sent scores zero and cannot beat one that did something", () => {
    const outcomes = [outcome("a", { sent: 0 }), outcome("b", { sent: 5, clicked: 1 })]
    expect(pickWinner(test("click_rate"), outcomes)).toEqual("b")
    expect(pickWinner(test("click_rate"), [outcome("a", { sent: 5, clicked: 1 }), outcome("b", { sent: 0 })])).toEqual("a")
  })
})

describe("sampleSize", () => {
  it("takes the percentage rounded up, at least one contact per variant, never more than the audience", () => {
    expect(sampleSize(1000, 10, 2)).toEqual(100)
    expect(sampleSize(41, 50, 2)).toEqual(21)
    expect(sampleSize(10, 5, 4)).toEqual(4)
    expect(sampleSize(3, 5, 4)).toEqual(3)
    expect(sampleSize(0, 50, 2)).toEqual(0)
  })
})

describe("abTestIssues", () => {
  const campaign = { subject: "Spring sale", template_id: "tpl_1" }

  it("accepts a control without overrides next to variants that differ", () => {
    const abTest: AbTest = {
      ...test("open_rate"),
      variants: [{ key: "a" }, { key: "b", subject: "Last days" }, { key: "c", template_id: "tpl_2" }],
    }
    expect(abTestIssues(abTest, campaign)).toEqual([])
  })

  it("names a repeated key and a variant that sends what another already does", () => {
    const abTest: AbTest = {
      ...test("open_rate"),
      variants: [
        { key: "a" },
        { key: "a", subject: "Other" },
        { key: "b", subject: "Spring sale", template_id: "tpl_1" },
      ],
    }
    expect(abTestIssues(abTest, campaign)).toEqual([
      { path: "ab_test.variants[1].key", message: expect.stringContaining("distinct") },
      { path: "ab_test.variants[2]", message: expect.stringContaining('same subject and template as variant "a"') },
    ])
  })
})
