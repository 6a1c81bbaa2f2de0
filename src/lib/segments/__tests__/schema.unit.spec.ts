import { parseSegmentRule } from "../schema"

const field = (name: string, operator: string, value?: unknown) =>
  value === undefined ? { type: "field", field: name, operator } : { type: "field", field: name, operator, value }
const group = (rules: unknown[], match = "all") => ({ type: "group", match, rules })

function errorOf(json: unknown) {
  const result = parseSegmentRule(json)
  if (result.ok) {
    throw new Error(`expected ${JSON.stringify(json)} to be refused`)
  }
  return result.error
}

describe("parseSegmentRule", () => {
  it("accepts a nested rule of every kind and returns it unchanged", () => {
    const rule = group([
      field("email", "contains", "@example.com"),
      group(
        [
          { type: "orders", count: { operator: "gte", value: 2 }, within: { amount: 90, unit: "days" } },
          { type: "orders", count: { operator: "gte", value: 1 }, category_ids: ["pcat_shoes"] },
          { type: "cart_abandoned", within: { amount: 1, unit: "weeks" } },
          { type: "email_engagement", action: "clicked", within: { amount: 3, unit: "months" }, negate: true },
          { type: "received_message", reason_type: "flow", reason_id: "flow_welcome" },
          { type: "segment", segment_id: "seg_vip", in: false },
        ],
        "any"
      ),
      field("birth_date", "anniversary_within", { days: 7 }),
      field("churn_risk", "between", { min: 0.5, max: 1 }),
      field("has_account", "is_true"),
      field("product_ids", "contains_all", ["prod_1", "prod_2"]),
      field("last_order_at", "before", "2026-01-01"),
    ])
    expect(parseSegmentRule(rule)).toEqual({ ok: true, rule })
  })

  it("names the nested node whose operator does not fit its field's type", () => {
    const error = errorOf(group([field("email", "eq", "a@b.co"), group([field("email", "gt", 3)])]))
    expect(error.path).toEqual("rules[1].rules[0].operator")
    expect(error.message).toContain('operator "gt" does not apply to text field "email"')
    expect(error.message).toContain("starts_with")
  })

  it("refuses an unknown field and lists the known ones", () => {
    const error = errorOf(group([field("email", "is_set"), field("shoe_size", "eq", 42)]))
    expect(error.path).toEqual("rules[1].field")
    expect(error.message).toContain('unknown field "shoe_size"')
    expect(error.message).toContain("birth_date")
    expect(error.message).toContain("unsubscribed_topics")
  })

  it("treats inherited object keys as unknown fields rather than crashing", () => {
    expect(errorOf(field("constructor", "is_set")).path).toEqual("field")
    expect(errorOf(field("__proto__", "is_set")).path).toEqual("field")
  })

  it("checks values against the operator", () => {
    expect(errorOf(field("orders_count", "gt", "3")).path).toEqual("value")
    expect(errorOf(field("orders_count", "between", { min: 5, max: 2 }))).toEqual({
      path: "value.max",
      message: "min must not exceed max",
    })
    expect(errorOf(field("email", "in", [])).path).toEqual("value")
    expect(errorOf(field("email", "contains", "")).path).toEqual("value")
    expect(errorOf(field("first_name", "eq", "a\u0000b")).message).toContain("NUL")
    expect(errorOf(field("last_seen_at", "in_last", { amount: 0, unit: "days" })).path).toEqual("value.amount")
    expect(errorOf(field("last_seen_at", "in_last", { amount: 3, unit: "years" })).path).toEqual("value.unit")
    expect(errorOf(field("last_seen_at", "in_last", { amount: 1201, unit: "months" }))).toEqual({
      path: "value.amount",
      message: "at most 1200 months",
    })
    expect(errorOf(field("birth_date", "anniversary_within", { days: 400 })).path).toEqual("value.days")
    expect(errorOf(field("product_ids", "contains_any", [""])).path).toEqual("value[0]")
  })

  it("asks for a value where one is needed and refuses one where none is", () => {
    expect(errorOf(field("email", "eq"))).toEqual({ path: "value", message: 'operator "eq" needs a value' })
    expect(errorOf(field("email", "is_set", "x"))).toEqual({ path: "value", message: 'operator "is_set" takes no value' })
    expect(errorOf(field("suppressed", "is_true", true)).path).toEqual("value")
  })

  it("accepts only ISO dates that exist, with a zone when they carry a time", () => {
    expect(parseSegmentRule(field("created_at", "after", "2028-02-29")).ok).toBe(true)
    expect(parseSegmentRule(field("created_at", "after", "2026-01-31T09:00:00+05:30")).ok).toBe(true)
    expect(errorOf(field("created_at", "after", "2026-02-29")).path).toEqual("value")
    expect(errorOf(field("created_at", "after", "2026-01-31T09:00:00")).path).toEqual("value")
    expect(errorOf(field("created_at", "after", "31/01/2026")).path).toEqual("value")
  })

  it("holds enum fields to their values and their equality operators", () => {
    expect(errorOf(field("consent_status", "eq", "yes")).path).toEqual("value")
    expect(errorOf(field("rfm_segment", "in", ["champions", "heroes"])).path).toEqual("value[1]")
    expect(errorOf(field("rfm_segment", "contains", "champ")).path).toEqual("operator")
    expect(parseSegmentRule(field("rfm_segment", "in", ["champions", "cant_lose"])).ok).toBe(true)
  })

  it("keeps bounded scores inside their range and single-precision scores representable", () => {
    expect(errorOf(field("rfm_recency", "gt", 7)).path).toEqual("value")
    expect(errorOf(field("churn_risk", "between", { min: 0, max: 1.5 })).path).toEqual("value.max")
    expect(errorOf(field("churn_risk", "eq", 1e-50)).message).toContain("single-precision")
    expect(errorOf(field("engagement_score", "gt", 1e39)).message).toContain("single-precision")
    expect(parseSegmentRule(field("total_spent", "gt", 1e39)).ok).toBe(true)
  })

  it("names unknown properties and unknown rule types", () => {
    expect(errorOf(group([field("email", "is_set"), { ...field("email", "is_set"), negate: true }]))).toEqual({
      path: "rules[1].negate",
      message: 'unknown property "negate"',
    })
    const error = errorOf(group([{ type: "tag", tag: "vip" }]))
    expect(error.path).toEqual("rules[0].type")
    expect(error.message).toContain("received_message")
    expect(errorOf({ type: "orders", count: { operator: "gt", value: 1 } }).path).toEqual("count.operator")
  })

  it("refuses an empty group", () => {
    expect(errorOf(group([field("email", "is_set"), group([])])).path).toEqual("rules[1].rules")
  })

  it("allows groups six levels deep and names the seventh", () => {
    const nest = (levels: number): unknown =>
      levels === 0 ? field("email", "is_set") : group([nest(levels - 1)])
    expect(parseSegmentRule(nest(6)).ok).toBe(true)
    expect(errorOf(nest(7))).toEqual({
      path: "rules[0].rules[0].rules[0].rules[0].rules[0].rules[0]",
      message: "groups nest at most 6 levels deep",
    })
  })

  it("allows 100 conditions and names the 101st", () => {
    const conditions = (count: number) => Array.from({ length: count }, () => field("email", "is_set"))
    expect(parseSegmentRule(group([group(conditions(50)), group(conditions(50))])).ok).toBe(true)
    expect(errorOf(group([group(conditions(50)), group(conditions(51))]))).toEqual({
      path: "rules[1].rules[50]",
      message: "a rule has at most 100 conditions",
    })
  })

  it("refuses a very deep document without exhausting the stack", () => {
    let json: unknown = field("email", "is_set")
    for (let level = 0; level < 100_000; level++) {
      json = group([json])
    }
    expect(errorOf(json).message).toEqual("groups nest at most 6 levels deep")
  })
})
