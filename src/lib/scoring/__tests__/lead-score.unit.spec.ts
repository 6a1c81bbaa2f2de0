import {
  explainLeadScore,
  LeadScoreEvent,
  LeadScoreRule,
  matchesCondition,
  readPath,
  scoreLead,
} from "../lead-score"
import {
  LeadScoreRuleError,
  parseLeadScoreRule,
  parseLeadScoreRules,
  validateLeadScoreRules,
} from "../lead-score-validation"

const now = new Date("2026-06-01T12:00:00Z")
const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000)
const event = (type: string, days: number, data: Record<string, unknown> = {}): LeadScoreEvent => ({
  type,
  at: daysBefore(days),
  data,
})

const PRICING: LeadScoreRule = {
  id: "pricing",
  name: "Visited the pricing page",
  points: 5,
  when: { event_type: "page_viewed", property: { path: "url", operator: "contains", value: "/pricing" } },
}

describe("scoreLead", () => {
  it("adds a rule's points for each matching event, and only matching ones", () => {
    const result = scoreLead(
      [PRICING],
      [
        event("page_viewed", 1, { url: "https://shop.test/pricing" }),
        event("page_viewed", 2, { url: "https://shop.test/PRICING?plan=pro" }),
        event("page_viewed", 2, { url: "https://shop.test/about" }),
        event("email_clicked", 2, { url: "https://shop.test/pricing" }),
      ],
      now
    )
    expect(result.score).toBe(10)
    expect(result.breakdown).toEqual([
      {
        rule_id: "pricing",
        name: "Visited the pricing page",
        times: 2,
        points: 10,
        expired: 0,
        capped: false,
        last_at: daysBefore(1),
        // The earlier of the two leaves the lookback first.
        changes_at: new Date(daysBefore(2).getTime() + 365 * 86_400_000),
      },
    ])
  })

  it("stops counting events older than the rule's expiry", () => {
    const rule = { ...PRICING, expires_after_days: 30 }
    const events = [
      event("page_viewed", 29, { url: "/pricing" }),
      event("page_viewed", 30, { url: "/pricing" }),
      event("page_viewed", 31, { url: "/pricing" }),
    ]
    const result = scoreLead([rule], events, now)
    expect(result.score).toBe(10)
    expect(result.breakdown[0]).toMatchObject({ times: 2, expired: 1 })
  })

  it("counts a rule at most max_times", () => {
    const rule = { ...PRICING, max_times: 3 }
    const events = Array.from({ length: 7 }, (_, i) => event("page_viewed", i, { url: "/pricing" }))
    const result = scoreLead([rule], events, now)
    expect(result.score).toBe(15)
    expect(result.breakdown[0]).toMatchObject({ times: 3, capped: true })
  })

  it("applies expiry before the cap, so old events do not use up the allowance", () => {
    const rule = { ...PRICING, max_times: 2, expires_after_days: 10 }
    const events = [
      event("page_viewed", 40, { url: "/pricing" }),
      event("page_viewed", 50, { url: "/pricing" }),
      event("page_viewed", 1, { url: "/pricing" }),
    ]
    expect(scoreLead([rule], events, now).score).toBe(5)
  })

  it("subtracts negative points and lets the score go below zero", () => {
    const unsubscribed: LeadScoreRule = {
      id: "unsub",
      name: "Unsubscribed",
      points: -50,
      when: { event_type: "unsubscribed" },
    }
    const result = scoreLead([PRICING, unsubscribed], [event("unsubscribed", 3), event("page_viewed", 1, { url: "/pricing" })], now)
    expect(result.score).toBe(-45)
    expect(result.breakdown.map((entry) => [entry.rule_id, entry.points])).toEqual([
      ["pricing", 5],
      ["unsub", -50],
    ])
  })

  it("is 0 with no rules or no events", () => {
    expect(scoreLead([], [event("page_viewed", 1)], now)).toEqual({ score: 0, breakdown: [] })
    expect(scoreLead([PRICING], [], now)).toEqual({ score: 0, breakdown: [] })
  })
})

describe("property conditions", () => {
  const order = {
    total: "149.90",
    currency_code: "eur",
    first_order: true,
    items: [
      { product_id: "prod_1", quantity: 2 },
      { product_id: "prod_2", quantity: 1 },
    ],
    coupon: null,
  }

  it("compares with each operator", () => {
    const check = (path: string, operator: any, value?: any) =>
      matchesCondition(order, { path, operator, value })
    expect(check("currency_code", "eq", "eur")).toBe(true)
    expect(check("currency_code", "eq", "usd")).toBe(false)
    expect(check("currency_code", "neq", "usd")).toBe(true)
    expect(check("currency_code", "neq", "eur")).toBe(false)
    expect(check("total", "gt", 100)).toBe(true)
    expect(check("total", "gt", 149.9)).toBe(false)
    expect(check("total", "gte", 149.9)).toBe(true)
    expect(check("total", "lt", 150)).toBe(true)
    expect(check("total", "lte", 149)).toBe(false)
    expect(check("total", "eq", 149.9)).toBe(true)
    expect(check("currency_code", "contains", "EU")).toBe(true)
    expect(check("first_order", "eq", true)).toBe(true)
    expect(check("first_order", "exists")).toBe(true)
    expect(check("coupon", "exists")).toBe(false)
    expect(check("coupon", "exists", false)).toBe(true)
    expect(check("missing.deep", "exists")).toBe(false)
  })

  it("looks into every element of a list, or one by index", () => {
    expect(readPath(order, "items.product_id")).toEqual(["prod_1", "prod_2"])
    expect(readPath(order, "items.1.product_id")).toEqual(["prod_2"])
    expect(matchesCondition(order, { path: "items.product_id", operator: "eq", value: "prod_2" })).toBe(true)
    expect(matchesCondition(order, { path: "items.quantity", operator: "gte", value: 2 })).toBe(true)
    expect(matchesCondition(order, { path: "items.product_id", operator: "neq", value: "prod_2" })).toBe(false)
  })

  it("does not match numeric comparisons on text or a missing value", () => {
    expect(matchesCondition(order, { path: "currency_code", operator: "gt", value: 1 })).toBe(false)
    expect(matchesCondition(order, { path: "nope", operator: "lt", value: 1 })).toBe(false)
    expect(matchesCondition(null, { path: "total", operator: "exists" })).toBe(false)
  })
})

describe("lead score rule validation", () => {
  it("accepts a complete rule and drops absent optional fields", () => {
    expect(
      parseLeadScoreRules([
        { ...PRICING, expires_after_days: 30, max_times: null },
        { id: "order", name: "Placed an order", points: 20, when: { event_type: "order_placed", property: null } },
      ])
    ).toEqual([
      { ...PRICING, expires_after_days: 30 },
      { id: "order", name: "Placed an order", points: 20, when: { event_type: "order_placed" } },
    ])
  })

  it("names each bad field", () => {
    const result = validateLeadScoreRules([
      {
        id: "",
        name: "x",
        points: 2.5,
        when: { event_type: "page_viewed", property: { path: "a..b", operator: "like", value: 1 } },
        expires_after_days: 0,
        max_times: -1,
        colour: "red",
      },
    ])
    expect(result.ok).toBe(false)
    const paths = !result.ok ? result.issues.map((issue) => issue.path) : []
    expect(paths).toEqual([
      "rules[0].colour",
      "rules[0].id",
      "rules[0].points",
      "rules[0].when.property.path",
      "rules[0].when.property.operator",
      "rules[0].expires_after_days",
      "rules[0].max_times",
    ])
  })

  it("checks the value against the operator", () => {
    const withCondition = (property: unknown) => ({ ...PRICING, when: { event_type: "x", property } })
    const messages = (property: unknown) => {
      const result = validateLeadScoreRules([withCondition(property)])
      return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`)
    }
    expect(messages({ path: "total", operator: "gt", value: "100" })).toEqual([
      'rules[0].when.property.value: must be a number for gt, got "100"',
    ])
    expect(messages({ path: "tags", operator: "contains", value: "" })).toHaveLength(1)
    expect(messages({ path: "tags", operator: "exists", value: "yes" })).toHaveLength(1)
    expect(messages({ path: "tags", operator: "eq" })).toHaveLength(1)
    expect(messages({ path: "tags", operator: "exists" })).toEqual([])
    expect(messages("url")).toEqual([
      'rules[0].when.property: must be an object with path and operator, got "url"',
    ])
  })

  it("rejects duplicate ids, a missing event type and input that is not a list", () => {
    const result = validateLeadScoreRules([PRICING, { ...PRICING, when: {} }])
    expect(!result.ok && result.issues.map((issue) => issue.path)).toEqual([
      "rules[1].when.event_type",
    ])
    const duplicate = validateLeadScoreRules([PRICING, PRICING])
    expect(!duplicate.ok && duplicate.issues[0]).toEqual({
      path: "rules[1].id",
      message: 'duplicates rules[0].id "pricing"',
    })
    expect(validateLeadScoreRules({})).toEqual({
      ok: false,
      issues: [{ path: "rules", message: "must be a list, got an object" }],
    })
  })

  it("throws an error listing every problem for a single rule", () => {
    expect(() => parseLeadScoreRule({ id: "a", name: "A", points: "5", when: { event_type: "x" } })).toThrow(
      new LeadScoreRuleError([{ path: "rule.points", message: 'must be a whole number (negative to subtract), got "5"' }])
    )
  })
})

describe("explainLeadScore", () => {
  it("lists each rule's contribution with its caps and expiry", () => {
    const rules = [
      { ...PRICING, max_times: 2, expires_after_days: 30 },
      { id: "unsub", name: "Unsubscribed", points: -50, when: { event_type: "unsubscribed" } },
    ]
    const events = [
      event("page_viewed", 1, { url: "/pricing" }),
      event("page_viewed", 2, { url: "/pricing" }),
      event("page_viewed", 3, { url: "/pricing" }),
      event("page_viewed", 90, { url: "/pricing" }),
      event("unsubscribed", 0),
    ]
    const result = scoreLead(rules, events, now)
    expect(explainLeadScore(result, now, rules)).toEqual([
      "Lead score -40 from 2 rules.",
      "Visited the pricing page: 2 times, latest 1 day ago, +10 points (counted at most 2 times; 1 older than 30 days no longer counts).",
      "Unsubscribed: 1 time, latest today, -50 points.",
    ])
  })

  it("says when nothing counts", () => {
    expect(explainLeadScore({ score: 0, breakdown: [] }, now)).toEqual([
      "Lead score 0: no rule matches a recent event.",
    ])
  })
})
