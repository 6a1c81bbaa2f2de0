import { formatDuration, holdoutSummary, reentrySummary, stepSummary, stepTitle, triggerSummary } from "../flow-summary"

const lookups = {
  templates: new Map([["mkt_tpl_1", "Welcome"]]),
  groups: new Map([["cusgroup_1", "VIP"]]),
  stepTypes: new Map([
    ["store.tag_contact", { type: "store.tag_contact", label: "Tag contact", description: "", kind: "action" as const, builtin: false }],
  ]),
  triggers: new Map([["customer.created", { event: "customer.created", label: "Customer signed up", description: "", builtin: true }]]),
}

describe("flow summaries", () => {
  it("names a step by its label, else its type, registered types by their catalog label", () => {
    expect(stepTitle({ type: "wait", label: "Cool off" })).toBe("Cool off")
    expect(stepTitle({ type: "wait", label: "  " })).toBe("Wait")
    expect(stepTitle({ type: "store.tag_contact", config: {} }, lookups)).toBe("Tag contact")
    expect(stepTitle({ type: "acme.sms", config: {} })).toBe("acme.sms")
  })

  it("summarises each step type in one line, and says what is still missing", () => {
    expect(formatDuration({ amount: 1, unit: "days" })).toBe("1 day")
    expect(stepSummary({ type: "wait", duration: { amount: 3, unit: "hours" } })).toBe("Wait 3 hours")
    expect(stepSummary({ type: "wait_until", time: "09:00", weekdays: [5, 1] })).toBe("Until 09:00 on Mon, Fri")
    expect(stepSummary({ type: "wait_until", time: "18:30" })).toBe("Until 18:30")
    expect(stepSummary({ type: "condition", rule: { type: "group", match: "all", rules: [{}, {}] } })).toBe(
      "If contact matches 2 conditions"
    )
    expect(stepSummary({ type: "condition" })).toBe("Add a condition")
    expect(stepSummary({ type: "split", branches: [{ percent: 50 }, { percent: 50 }] })).toBe("50% / 50%")
    expect(stepSummary({ type: "send_email", template_id: "mkt_tpl_1" }, lookups)).toBe("Welcome")
    expect(stepSummary({ type: "send_email", template_id: "" }, lookups)).toBe("Choose a template")
    expect(stepSummary({ type: "discount", kind: "percentage", value: 15, expires_in_days: 7 })).toBe("15% off, valid 7 days")
    expect(stepSummary({ type: "customer_group", action: "remove", group_id: "cusgroup_1" }, lookups)).toBe("Remove from VIP")
    expect(stepSummary({ type: "update_contact", set: { field: "locale", value: "fr" }, lead_points: -5 })).toBe(
      "Set locale to fr, -5 lead points"
    )
    expect(stepSummary({ type: "webhook", url: "https://hooks.example.com/x" })).toBe("POST to hooks.example.com")
    expect(stepSummary({ type: "store.tag_contact", config: { tag: "vip" } })).toBe("tag: vip")
    expect(stepSummary({ type: "store.tag_contact", config: {} })).toBe("Not configured")
  })

  it("says what starts the flow and who may enter again", () => {
    expect(triggerSummary({ type: "event", event: "customer.created" }, lookups)).toBe("When Customer signed up")
    const atRisk = { path: "segment_id", operator: "eq" as const, value: "mkt_seg_1" }
    const segmentLookups = {
      triggers: new Map([["marketing.segment_entered", { event: "marketing.segment_entered", label: "Entered a segment", description: "", builtin: true }]]),
      segments: new Map([["mkt_seg_1", "At risk customers"]]),
    }
    expect(triggerSummary({ type: "event", event: "marketing.segment_entered", filter: { data: [atRisk] } }, segmentLookups)).toBe(
      "When Entered a segment “At risk customers”"
    )
    expect(
      triggerSummary(
        { type: "event", event: "marketing.segment_entered", filter: { data: [atRisk, { path: "contact_id", operator: "exists" }] } },
        segmentLookups
      )
    ).toBe("When Entered a segment “At risk customers”, when the filter matches")
    // A segment the lookups do not know is only a filter.
    expect(triggerSummary({ type: "event", event: "marketing.segment_entered", filter: { data: [atRisk] } }, lookups)).toBe(
      "When marketing.segment_entered, when the filter matches"
    )
    expect(triggerSummary({ type: "event", event: "acme.review", filter: { data: [{ path: "rating", operator: "gte", value: 4 }] } })).toBe(
      "When acme.review, when the filter matches"
    )
    expect(triggerSummary({ type: "date", field: "birth_date", offset_days: -7, annual: true, hour: 9 })).toBe(
      "7 days before Birthday, every year at 09:00"
    )
    expect(triggerSummary({ type: "inactivity", days: 90 })).toBe("90 days after the last order")
    expect(reentrySummary("once")).toBe("Once per contact")
    expect(reentrySummary({ days: 30 })).toBe("Again after 30 days")
  })
})

describe("holdoutSummary", () => {
  const arm = (entered: number, converted: number) => ({
    entered,
    converted,
    conversion_rate: entered ? converted / entered : null,
  })

  it("compares the flow's conversion with its holdout's, with the lift", () => {
    expect(holdoutSummary({ entered: 8, holdout: arm(4, 1), treated: arm(4, 2), lift: 1 })).toBe(
      "Holdout 4 of 8: 25% converted against 50% with the flow, a lift of +100%"
    )
    expect(holdoutSummary({ entered: 120, holdout: arm(12, 3), treated: arm(108, 18), lift: (18 / 108) / (3 / 12) - 1 })).toBe(
      "Holdout 12 of 120: 25% converted against 16.7% with the flow, a lift of -33.3%"
    )
  })

  it("says why there is no lift yet", () => {
    expect(holdoutSummary({ entered: 10, holdout: arm(2, 0), treated: arm(8, 3), lift: null })).toBe(
      "Holdout 2 of 10: 0% converted against 37.5% with the flow; the lift shows once a holdout contact converts"
    )
    expect(holdoutSummary({ entered: 1, holdout: arm(1, 0), treated: arm(0, 0), lift: null })).toBe(
      "Holdout 1 of 1: no contact has gone through the flow yet to compare with"
    )
  })

  it("is nothing for a flow without a holdout", () => {
    expect(holdoutSummary({ entered: 5, holdout: arm(0, 0), treated: arm(5, 1), lift: null })).toBeNull()
    expect(holdoutSummary(null)).toBeNull()
  })
})
