import { toFlowRunResults, toResultsGroup } from "../results-sql"

describe("flow holdout figures", () => {
  it("the lift compares the flow's conversion rate with its holdout's", () => {
    const runs = toFlowRunResults([
      { holdout: true, entered: 10, converted: 2 },
      { holdout: false, entered: 40, converted: 12 },
    ])
    expect(runs.entered).toBe(50)
    expect(runs.holdout).toEqual({ entered: 10, converted: 2, conversion_rate: 0.2 })
    expect(runs.treated).toEqual({ entered: 40, converted: 12, conversion_rate: 0.3 })
    expect(runs.lift).toBeCloseTo(0.5)
  })

  it("there is no lift without a holdout, or with a holdout that converted nobody", () => {
    expect(toFlowRunResults([{ holdout: false, entered: 5, converted: 1 }]).lift).toBeNull()
    expect(
      toFlowRunResults([
        { holdout: true, entered: 5, converted: 0 },
        { holdout: false, entered: 5, converted: 1 },
      ]).lift
    ).toBeNull()
    const none = toFlowRunResults([])
    expect(none.holdout.conversion_rate).toBeNull()
    expect(none.treated.conversion_rate).toBeNull()
  })

  it("a flow that converts worse than its holdout has a negative lift", () => {
    const runs = toFlowRunResults([
      { holdout: true, entered: 10, converted: 4 },
      { holdout: false, entered: 10, converted: 2 },
    ])
    expect(runs.lift).toBeCloseTo(-0.5)
  })
})

describe("a results group", () => {
  it("divides each currency's revenue by the recipients", () => {
    const group = toResultsGroup({
      group_key: "s1",
      recipients: 4,
      sent: 5,
      delivered: 5,
      opened: 3,
      clicked: 2,
      bounced: 0,
      unsubscribed: 0,
      conversions: 2,
      revenue: { eur: 100, usd: "10" as unknown as number },
    })
    expect(group.key).toBe("s1")
    expect(group.revenue).toEqual({ eur: 100, usd: 10 })
    expect(group.revenue_per_recipient).toEqual({ eur: 25, usd: 2.5 })
    expect(group).not.toHaveProperty("group_key")
  })
})
