import { evaluateRule, type ContactFacts, type EvaluationContext } from "../evaluate"
import type { Rule } from "../schema"

const now = new Date("2026-06-15T12:00:00.000Z")
const at = (iso: string) => new Date(iso)
const ms = (iso: string, delta: number) => new Date(new Date(iso).getTime() + delta)

const contact: ContactFacts = {
  email: "ana@example.com",
  first_name: "Ana",
  last_name: null,
  locale: "en-US",
  timezone: "",
  consent_status: "subscribed",
  rfm_segment: "champions",
  customer_id: "cus_1",
  suppressed_at: null,
  orders_count: 3,
  total_spent: "99.99",
  churn_risk: 0.10000000149011612,
  rfm_recency: null,
  last_order_at: at("2026-06-08T12:00:00.000Z"),
  last_seen_at: null,
  next_order_expected_at: at("2026-06-20T00:00:00.000Z"),
  birth_date: "1992-02-29",
  product_ids: ["prod_1", "prod_2"],
  category_ids: [],
  unsubscribed_topics: ["news"],
}

function check(rule: Rule, facts: ContactFacts = contact, context: Partial<EvaluationContext> = {}): boolean {
  return evaluateRule(rule, facts, { now, events: [], messages: [], messageEvents: [], memberships: [], ...context })
}
const where = (field: string, operator: string, value?: unknown) =>
  check({ type: "field", field, operator, value } as Rule)

describe("text fields", () => {
  it("compare email and names without regard to A–Z case", () => {
    expect(where("email", "eq", "ANA@Example.com")).toBe(true)
    expect(where("first_name", "in", ["BOB", "aNa"])).toBe(true)
    expect(where("first_name", "starts_with", "an")).toBe(true)
    expect(where("email", "contains", "EXAMPLE")).toBe(true)
  })

  it("compare other text exactly", () => {
    expect(where("locale", "eq", "en-US")).toBe(true)
    expect(where("locale", "eq", "en-us")).toBe(false)
    expect(where("locale", "contains", "US")).toBe(true)
    expect(where("locale", "not_contains", "us")).toBe(true)
  })

  it("fold only ASCII letters, the same in every database locale", () => {
    const elodie = { ...contact, first_name: "ÉLODIE" }
    expect(check({ type: "field", field: "first_name", operator: "eq", value: "Élodie" }, elodie)).toBe(true)
    expect(check({ type: "field", field: "first_name", operator: "eq", value: "élodie" }, elodie)).toBe(false)
  })

  it("make every comparison on an unset value false, negative ones included", () => {
    expect(where("last_name", "eq", "x")).toBe(false)
    expect(where("last_name", "neq", "x")).toBe(false)
    expect(where("last_name", "not_contains", "x")).toBe(false)
    expect(where("last_name", "not_in", ["x"])).toBe(false)
    expect(where("last_name", "is_not_set")).toBe(true)
    expect(where("last_name", "is_set")).toBe(false)
  })

  it("count an empty string as set", () => {
    expect(where("timezone", "is_set")).toBe(true)
    expect(where("timezone", "neq", "UTC")).toBe(true)
  })

  it("read a property the caller left out as unset", () => {
    expect(where("currency_code", "is_not_set")).toBe(true)
  })

  it("match enum fields by value", () => {
    expect(where("consent_status", "neq", "unsubscribed")).toBe(true)
    expect(where("rfm_segment", "not_in", ["lost", "hibernating"])).toBe(true)
  })
})

describe("number fields", () => {
  it("apply each comparison, with between inclusive", () => {
    expect(where("orders_count", "eq", 3)).toBe(true)
    expect(where("orders_count", "neq", 3)).toBe(false)
    expect(where("orders_count", "gt", 3)).toBe(false)
    expect(where("orders_count", "gte", 3)).toBe(true)
    expect(where("orders_count", "lt", 4)).toBe(true)
    expect(where("orders_count", "lte", 2)).toBe(false)
    expect(where("orders_count", "between", { min: 3, max: 3 })).toBe(true)
  })

  it("read numeric columns that node-postgres returns as strings", () => {
    expect(where("total_spent", "eq", 99.99)).toBe(true)
    expect(where("total_spent", "gt", 99.98)).toBe(true)
  })

  it("compare real columns at single precision, as Postgres does", () => {
    // What a real column holding 0.1 reads as once widened to a double.
    expect(where("churn_risk", "eq", 0.1)).toBe(true)
    expect(where("churn_risk", "gt", 0.1)).toBe(false)
  })

  it("make comparisons on an unset number false", () => {
    expect(where("rfm_recency", "neq", 3)).toBe(false)
    expect(where("rfm_recency", "lt", 5)).toBe(false)
    expect(where("rfm_recency", "is_not_set")).toBe(true)
  })
})

describe("date fields", () => {
  const lastOrder = (operator: string, value: unknown, iso: string) =>
    check({ type: "field", field: "last_order_at", operator, value } as Rule, { last_order_at: at(iso) })

  it("treat before and after as strict", () => {
    expect(lastOrder("before", "2026-06-08T12:00:00Z", "2026-06-08T12:00:00.000Z")).toBe(false)
    expect(lastOrder("before", "2026-06-08T12:00:00Z", "2026-06-08T11:59:59.999Z")).toBe(true)
    expect(lastOrder("after", "2026-06-08", "2026-06-08T00:00:00.000Z")).toBe(false)
    expect(lastOrder("after", "2026-06-08T02:00:00+02:00", "2026-06-08T00:00:00.001Z")).toBe(true)
  })

  it("include both ends of in_last and split the past with more_than_ago", () => {
    const week = { amount: 7, unit: "days" }
    expect(lastOrder("in_last", week, "2026-06-08T12:00:00.000Z")).toBe(true)
    expect(lastOrder("more_than_ago", week, "2026-06-08T12:00:00.000Z")).toBe(false)
    expect(lastOrder("in_last", week, "2026-06-08T11:59:59.999Z")).toBe(false)
    expect(lastOrder("more_than_ago", week, "2026-06-08T11:59:59.999Z")).toBe(true)
    expect(lastOrder("in_last", week, "2026-06-15T12:00:00.000Z")).toBe(true)
    expect(lastOrder("in_last", week, "2026-06-15T12:00:00.001Z")).toBe(false)
  })

  it("count months on the calendar", () => {
    const month = { amount: 1, unit: "months" }
    expect(lastOrder("in_last", month, "2026-05-15T12:00:00.000Z")).toBe(true)
    expect(lastOrder("in_last", month, "2026-05-15T11:59:59.999Z")).toBe(false)
  })

  it("look ahead with in_next, both ends included", () => {
    const days = (amount: number) => ({ type: "field", field: "next_order_expected_at", operator: "in_next", value: { amount, unit: "days" } }) as Rule
    expect(check(days(5))).toBe(true)
    expect(check(days(4))).toBe(false)
    expect(check(days(1), { next_order_expected_at: now })).toBe(true)
    expect(check(days(1), { next_order_expected_at: ms(now.toISOString(), -1) })).toBe(false)
  })

  it("read a YYYY-MM-DD birth date as that day's UTC midnight", () => {
    const born = (operator: string, value: unknown, birth_date: string | null) =>
      check({ type: "field", field: "birth_date", operator, value } as Rule, { birth_date })
    expect(born("before", "2000-01-01", "1999-12-31")).toBe(true)
    expect(born("before", "2000-01-01", "2000-01-01")).toBe(false)
    expect(born("before", "2000-01-01T00:00:00.001Z", "2000-01-01")).toBe(true)
    expect(born("after", "2000-01-01T00:00:00Z", "2000-01-01")).toBe(false)
    expect(born("after", "1999-12-31T23:59:59.999Z", "2000-01-01")).toBe(true)
    expect(born("in_last", { amount: 1, unit: "days" }, "2026-06-14")).toBe(false)
    expect(born("in_last", { amount: 1, unit: "days" }, "2026-06-15")).toBe(true)
    expect(born("in_last", { amount: 2, unit: "days" }, "2026-06-14")).toBe(true)
  })

  it("match no date operator on a malformed stored date, though it is set", () => {
    const broken = { birth_date: "1990-13-45x" }
    expect(check({ type: "field", field: "birth_date", operator: "before", value: "2100-01-01" }, broken)).toBe(false)
    expect(check({ type: "field", field: "birth_date", operator: "after", value: "1900-01-01" }, broken)).toBe(false)
    expect(check({ type: "field", field: "birth_date", operator: "is_set" }, broken)).toBe(true)
  })

  it("make comparisons on an unset date false", () => {
    expect(where("last_seen_at", "more_than_ago", { amount: 30, unit: "days" })).toBe(false)
    expect(where("last_seen_at", "is_not_set")).toBe(true)
  })
})

describe("anniversary_within", () => {
  const anniversary = (days: number) => ({ type: "field", field: "birth_date", operator: "anniversary_within", value: { days } }) as Rule
  const first = (days: number) => ({ type: "field", field: "first_order_at", operator: "anniversary_within", value: { days } }) as Rule
  const on = (iso: string, rule: Rule, facts: ContactFacts) => evaluateRule(rule, facts, { now: at(iso) })

  it("crosses New Year: from 28 December, seven days reach 4 January and no further", () => {
    expect(on("2026-12-28T18:00:00Z", anniversary(7), { birth_date: "1990-01-04" })).toBe(true)
    expect(on("2026-12-28T18:00:00Z", anniversary(7), { birth_date: "1990-01-05" })).toBe(false)
    expect(on("2026-12-28T18:00:00Z", anniversary(7), { birth_date: "1990-12-27" })).toBe(false)
    expect(on("2026-12-28T18:00:00Z", anniversary(7), { birth_date: "1990-12-28" })).toBe(true)
  })

  it("reads the month and day of a timestamp in UTC", () => {
    expect(on("2026-12-28T18:00:00Z", first(7), { first_order_at: at("2020-01-04T23:59:59.999Z") })).toBe(true)
    expect(on("2026-12-28T18:00:00Z", first(7), { first_order_at: at("2020-01-05T00:00:00.000Z") })).toBe(false)
  })

  it("celebrates a 29 February birthday on 28 February in a non-leap year", () => {
    expect(on("2027-02-28T09:00:00Z", anniversary(0), { birth_date: "1992-02-29" })).toBe(true)
    expect(on("2027-02-25T09:00:00Z", anniversary(3), { birth_date: "1992-02-29" })).toBe(true)
    expect(on("2027-02-25T09:00:00Z", anniversary(2), { birth_date: "1992-02-29" })).toBe(false)
  })

  it("celebrates it on the day itself in a leap year", () => {
    expect(on("2028-02-28T09:00:00Z", anniversary(0), { birth_date: "1992-02-29" })).toBe(false)
    expect(on("2028-02-29T09:00:00Z", anniversary(0), { birth_date: "1992-02-29" })).toBe(true)
    expect(on("2028-02-28T09:00:00Z", anniversary(0), { birth_date: "1991-02-28" })).toBe(true)
  })
})

describe("boolean and list fields", () => {
  it("derive has_account and suppressed from their columns", () => {
    expect(where("has_account", "is_true")).toBe(true)
    expect(where("suppressed", "is_false")).toBe(true)
    expect(check({ type: "field", field: "suppressed", operator: "is_true" }, { suppressed_at: now })).toBe(true)
  })

  it("apply each list operator, with ids compared exactly", () => {
    expect(where("product_ids", "contains_any", ["prod_9", "prod_2"])).toBe(true)
    expect(where("product_ids", "contains_any", ["PROD_1"])).toBe(false)
    expect(where("product_ids", "contains_all", ["prod_1", "prod_2"])).toBe(true)
    expect(where("product_ids", "contains_all", ["prod_1", "prod_3"])).toBe(false)
    expect(where("product_ids", "contains_none", ["prod_3"])).toBe(true)
    expect(where("category_ids", "is_empty")).toBe(true)
    expect(where("unsubscribed_topics", "is_not_empty")).toBe(true)
    expect(where("category_ids", "contains_none", ["pcat_1"])).toBe(true)
  })
})

describe("orders", () => {
  const placed = (resource_id: string | null, iso: string, data: unknown = { product_ids: ["prod_1"], category_ids: ["pcat_shoes"] }) => ({
    type: "order_placed",
    resource_id,
    occurred_at: at(iso),
    data,
  })
  const canceled = (resource_id: string, iso = "2026-06-14T00:00:00Z") => ({ type: "order_canceled", resource_id, occurred_at: at(iso) })
  const orders = (rule: Partial<Extract<Rule, { type: "orders" }>>, events: EvaluationContext["events"]) =>
    check({ type: "orders", count: { operator: "gte", value: 1 }, ...rule } as Rule, contact, { events })

  it("counts placed orders in the window, its start included", () => {
    const events = [placed("ord_1", "2026-03-17T12:00:00.000Z"), placed("ord_2", "2026-06-01T00:00:00Z")]
    const ninetyDays = { amount: 90, unit: "days" } as const
    expect(orders({ count: { operator: "gte", value: 2 }, within: ninetyDays }, events)).toBe(true)
    expect(orders({ count: { operator: "eq", value: 1 }, within: { amount: 89, unit: "days" } }, events)).toBe(true)
  })

  it("does not count a canceled order, whenever it was canceled", () => {
    const events = [placed("ord_1", "2026-06-01T00:00:00Z"), canceled("ord_1", "2026-06-20T00:00:00Z")]
    expect(orders({}, events)).toBe(false)
    expect(orders({ count: { operator: "eq", value: 0 } }, events)).toBe(true)
  })

  it("lets a cancel without an order id cancel nothing", () => {
    const events = [placed(null, "2026-06-01T00:00:00Z"), { type: "order_canceled", resource_id: null, occurred_at: now }]
    expect(orders({}, events)).toBe(true)
  })

  it("ignores deleted events, a deleted cancel included", () => {
    const events = [
      { ...placed("ord_1", "2026-06-01T00:00:00Z"), deleted_at: now },
      placed("ord_2", "2026-06-01T00:00:00Z"),
      { ...canceled("ord_2"), deleted_at: now },
    ]
    expect(orders({ count: { operator: "eq", value: 1 } }, events)).toBe(true)
  })

  const year = { amount: 365, unit: "days" } as const

  it("counts a window of any product from the contact's order times when it has them, else from its events", () => {
    const ninetyDays = { amount: 90, unit: "days" } as const
    const events = [placed("ord_1", "2026-06-01T00:00:00Z")]
    const withTimes = (order_times: string[]) =>
      check({ type: "orders", count: { operator: "gte", value: 2 }, within: ninetyDays }, { ...contact, order_times }, { events })
    // Oldest first, as the facts refresh keeps them.
    expect(withTimes(["2026-06-01T00:00:00Z", "2026-06-10T00:00:00Z"])).toBe(true)
    // One order before the window, one in it.
    expect(withTimes(["2025-06-01T00:00:00Z", "2026-06-10T00:00:00Z"])).toBe(false)
    expect(orders({ count: { operator: "gte", value: 2 }, within: ninetyDays }, events)).toBe(false)
    // Orders of given products are counted from the events whatever the fact says.
    expect(
      check(
        { type: "orders", count: { operator: "gte", value: 1 }, within: ninetyDays, product_ids: ["prod_9"] },
        { ...contact, order_times: ["2026-06-10T00:00:00Z"] },
        { events }
      )
    ).toBe(false)
  })

  it("filters by product and category, needing both when both are given", () => {
    const events = [placed("ord_1", "2026-06-01T00:00:00Z")]
    expect(orders({ within: year, category_ids: ["pcat_shoes"] }, events)).toBe(true)
    expect(orders({ within: year, product_ids: ["prod_1"], category_ids: ["pcat_hats"] }, events)).toBe(false)
    expect(orders({ within: year, product_ids: ["prod_9", "prod_1"] }, events)).toBe(true)
    expect(orders({ count: { operator: "gte", value: 2 }, product_ids: ["prod_1"] }, events)).toBe(false)
  })

  it("matches only string ids inside a JSON array", () => {
    const one = (ids: string[], data: unknown) => orders({ within: year, product_ids: ids }, [placed("ord_1", "2026-06-01T00:00:00Z", data)])
    expect(one(["1"], { product_ids: [1] })).toBe(false)
    expect(one(["prod_1"], { product_ids: "prod_1" })).toBe(false)
    expect(one(["prod_1"], null)).toBe(false)
  })

  it("answers ever or never ordering one of these from the contact's product and category facts", () => {
    // The facts list the items of every order not canceled; the events here are left empty to show which is read.
    const buyer = { product_ids: ["prod_1", "prod_2"], category_ids: ["pcat_shoes"] }
    const ever = (rule: Partial<Extract<Rule, { type: "orders" }>>, facts = buyer) =>
      check({ type: "orders", count: { operator: "gte", value: 1 }, ...rule } as Rule, facts, { events: [] })
    expect(ever({ product_ids: ["prod_9", "prod_2"] })).toBe(true)
    expect(ever({ category_ids: ["pcat_hats"] })).toBe(false)
    expect(ever({ category_ids: ["pcat_shoes"], count: { operator: "eq", value: 0 } })).toBe(false)
    expect(ever({ product_ids: ["prod_9"], count: { operator: "lte", value: 0 } })).toBe(true)
    expect(ever({ product_ids: ["prod_1"] }, {} as typeof buyer)).toBe(false)
  })
})

describe("other behaviour", () => {
  const day = { amount: 1, unit: "days" } as const

  it("finds an abandoned cart in the window", () => {
    const events = [{ type: "cart_abandoned", occurred_at: at("2026-06-14T12:00:00.000Z") }]
    expect(check({ type: "cart_abandoned", within: day }, contact, { events })).toBe(true)
    expect(check({ type: "cart_abandoned", within: day }, contact, { events: [{ ...events[0], occurred_at: at("2026-06-14T11:59:59.999Z") }] })).toBe(false)
  })

  it("counts a click as an open, never a machine's, and negates on request", () => {
    const clicked = [{ type: "clicked", machine: false, occurred_at: now }]
    const opened = [{ type: "opened", machine: false, occurred_at: now }]
    const machine = [{ type: "clicked", machine: true, occurred_at: now }]
    expect(check({ type: "email_engagement", action: "opened", within: day }, contact, { messageEvents: clicked })).toBe(true)
    expect(check({ type: "email_engagement", action: "clicked", within: day }, contact, { messageEvents: opened })).toBe(false)
    expect(check({ type: "email_engagement", action: "clicked", within: day }, contact, { messageEvents: machine })).toBe(false)
    expect(check({ type: "email_engagement", action: "clicked", within: day, negate: true }, contact, { messageEvents: machine })).toBe(true)
  })

  it("counts only sent messages for the given reason, in the window by sent_at", () => {
    const message = { reason_type: "flow", reason_id: "flow_welcome", status: "sent", sent_at: at("2026-06-01T00:00:00Z") }
    const rule: Rule = { type: "received_message", reason_type: "flow", reason_id: "flow_welcome" }
    expect(check(rule, contact, { messages: [message] })).toBe(true)
    expect(check(rule, contact, { messages: [{ ...message, status: "queued" }] })).toBe(false)
    expect(check(rule, contact, { messages: [{ ...message, reason_id: "flow_other" }] })).toBe(false)
    expect(check({ ...rule, within: { amount: 7, unit: "days" } }, contact, { messages: [message] })).toBe(false)
  })

  it("reads membership from rows without an exit", () => {
    const rule = (inSegment: boolean): Rule => ({ type: "segment", segment_id: "seg_vip", in: inSegment })
    const memberships = [
      { segment_id: "seg_vip", exited_at: at("2026-01-01T00:00:00Z") },
      { segment_id: "seg_other", exited_at: null },
    ]
    expect(check(rule(true), contact, { memberships })).toBe(false)
    expect(check(rule(false), contact, { memberships })).toBe(true)
    expect(check(rule(true), contact, { memberships: [...memberships, { segment_id: "seg_vip", exited_at: null }] })).toBe(true)
    expect(check(rule(true), contact, { memberships: [{ segment_id: "seg_vip", exited_at: null, deleted_at: now }] })).toBe(false)
  })

  it("refuses to evaluate behaviour without the rows it needs", () => {
    expect(() => evaluateRule({ type: "cart_abandoned", within: day }, contact, { now })).toThrow("context.events")
  })
})

describe("groups", () => {
  const yes: Rule = { type: "field", field: "has_account", operator: "is_true" }
  const no: Rule = { type: "field", field: "suppressed", operator: "is_true" }

  it("combine with all, any and none", () => {
    expect(check({ type: "group", match: "all", rules: [yes, no] })).toBe(false)
    expect(check({ type: "group", match: "any", rules: [yes, no] })).toBe(true)
    expect(check({ type: "group", match: "none", rules: [no] })).toBe(true)
    expect(check({ type: "group", match: "none", rules: [yes, no] })).toBe(false)
  })

  it("negate a comparison on an unset field to true, since the comparison is false", () => {
    const neq: Rule = { type: "field", field: "last_name", operator: "neq", value: "x" }
    expect(check({ type: "group", match: "none", rules: [neq] })).toBe(true)
  })
})
