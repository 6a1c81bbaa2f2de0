import { compileToSql } from "../compile-sql"
import type { Rule } from "../schema"
import { SqlParams, toKnexBindings, toPgArrayLiteral } from "../sql-params"

const now = new Date("2026-06-15T12:00:00.000Z")
const hostile = "x'); DROP TABLE marketing_contact; --"

describe("compileToSql", () => {
  it("passes every value as a parameter and never into the SQL text", () => {
    const rule: Rule = {
      type: "group",
      match: "any",
      rules: [
        { type: "field", field: "first_name", operator: "contains", value: hostile },
        { type: "field", field: "product_ids", operator: "contains_any", value: [hostile] },
        { type: "received_message", reason_type: "flow", reason_id: hostile },
        { type: "segment", segment_id: hostile, in: true },
        { type: "orders", count: { operator: "gte", value: 4 }, category_ids: [hostile] },
      ],
    }
    const { sql, params } = compileToSql(rule, { now })
    expect(sql).not.toContain("DROP")
    expect(sql).not.toContain("'x")
    expect(params).toContain(hostile)
    expect(params).toContainEqual([hostile])
    expect(params).toContain(4)
  })

  it("reads orders from the order read model, cancellations folded in, ids as one array overlap", () => {
    const { sql, params } = compileToSql(
      { type: "orders", count: { operator: "gte", value: 1 }, within: { amount: 30, unit: "days" }, product_ids: ["p1", "p2"], category_ids: ["c7"] },
      { now }
    )
    expect(sql).toMatch(/^EXISTS \(SELECT 1 FROM marketing_contact_order o WHERE o\.contact_id = c\.id AND NOT o\.canceled AND /)
    expect(sql).toContain("o.placed_at >= $1::timestamptz AND o.placed_at < $2::timestamptz")
    expect(sql).toContain("o.product_ids && $3::text[] AND o.category_ids && $4::text[]")
    expect(params.slice(2)).toEqual([["p1", "p2"], ["c7"]])
  })

  it("asks the contact's facts, not its orders, whether it ever or never ordered one of some products or categories", () => {
    const ever = (rule: Partial<Extract<Rule, { type: "orders" }>>) =>
      compileToSql({ type: "orders", count: { operator: "gte", value: 1 }, ...rule } as Rule, { now })
    expect(ever({ product_ids: ["p1", "p2"] })).toEqual({
      sql: "c.product_ids && $1::text[]",
      params: [["p1", "p2"]],
      rowOnly: true,
    })
    expect(ever({ category_ids: ["c7"], count: { operator: "eq", value: 0 } }).sql).toEqual("NOT (c.category_ids && $1::text[])")
    // Both kinds at once must hold on the same order; a window or a count above one needs the orders too.
    for (const rule of [
      { product_ids: ["p1"], category_ids: ["c7"] },
      { product_ids: ["p1"], within: { amount: 30, unit: "days" as const } },
      { product_ids: ["p1"], count: { operator: "gte" as const, value: 2 } },
    ]) {
      expect(ever(rule).sql).toContain("FROM marketing_contact_order o")
    }
  })

  it("counts orders of any product in a window by binary search in the contact's order times, oldest first", () => {
    const { sql, params } = compileToSql(
      { type: "orders", count: { operator: "gte", value: 3 }, within: { amount: 180, unit: "days" } },
      { now, wholePopulation: true }
    )
    expect(sql).toEqual(
      "(width_bucket($1::timestamptz - interval '1 microsecond', c.order_times) - " +
        "width_bucket($2::timestamptz - interval '1 microsecond', c.order_times)) >= $3::int"
    )
    // Earlier than a millisecond after now, and not earlier than the window's start.
    expect(params).toEqual([new Date(now.getTime() + 1).toISOString(), new Date(now.getTime() - 180 * 86_400_000).toISOString(), 3])
  })

  it("says whether a rule reads only the contact's row, at any depth", () => {
    const rowOnly = (rule: Rule) => compileToSql(rule, { now, wholePopulation: true }).rowOnly
    const within = { amount: 30, unit: "days" as const }
    expect(rowOnly({ type: "field", field: "total_spent", operator: "gt", value: 100 })).toBe(true)
    expect(rowOnly({ type: "orders", count: { operator: "gte", value: 1 }, product_ids: ["p1"] })).toBe(true)
    expect(rowOnly({ type: "orders", count: { operator: "gte", value: 3 }, within })).toBe(true)
    for (const rule of [
      { type: "orders", count: { operator: "gte", value: 1 }, within, product_ids: ["p1"] },
      { type: "cart_abandoned", within },
      { type: "email_engagement", action: "opened", within, negate: true },
      { type: "received_message", reason_type: "flow", reason_id: "f1" },
      { type: "segment", segment_id: "seg_1", in: false },
    ] as Rule[]) {
      expect([rule.type, rowOnly(rule)]).toEqual([rule.type, false])
      const nested: Rule = {
        type: "group",
        match: "none",
        rules: [{ type: "field", field: "email", operator: "is_set" }, { type: "group", match: "any", rules: [rule] }],
      }
      expect(rowOnly(nested)).toBe(false)
    }
  })

  it("numbers placeholders from the start given, with a cast on each", () => {
    const { sql, params } = compileToSql({ type: "field", field: "email", operator: "eq", value: "ANA@x.io" }, { now, params: 3 })
    expect(sql).toEqual(
      "(c.email IS NOT NULL AND translate(c.email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = $3::text)"
    )
    expect(params).toEqual(["ana@x.io"])
  })

  it("adds to a collector shared with the surrounding statement", () => {
    const params = new SqlParams()
    params.add("seg_1", "text")
    const { sql, params: values } = compileToSql({ type: "field", field: "lead_score", operator: "gte", value: 10 }, { now, params })
    expect(sql).toEqual("(c.lead_score IS NOT NULL AND c.lead_score::float8 >= $2::float8)")
    expect(values).toEqual(["seg_1", 10])
  })

  it("computes relative windows from now in JavaScript and binds each instant once", () => {
    const { sql, params } = compileToSql(
      {
        type: "group",
        match: "all",
        rules: [
          { type: "field", field: "last_order_at", operator: "in_last", value: { amount: 1, unit: "months" } },
          { type: "cart_abandoned", within: { amount: 1, unit: "months" } },
        ],
      },
      { now }
    )
    // The end is now + 1 ms, exclusive: the same as "<= now" for the millisecond times JavaScript reads.
    expect(params).toEqual(["2026-05-15T12:00:00.000Z", "2026-06-15T12:00:00.001Z"])
    expect(sql).toContain("c.last_order_at >= $1::timestamptz AND c.last_order_at < $2::timestamptz")
    expect(sql).toContain("e.occurred_at >= $1::timestamptz AND e.occurred_at < $2::timestamptz")
    expect(sql).not.toMatch(/now\(\)|current_date|interval/i)
  })

  it("reads only live rows in every subquery", () => {
    const { sql } = compileToSql(
      {
        type: "group",
        match: "all",
        rules: [
          { type: "orders", count: { operator: "gte", value: 2 } },
          { type: "email_engagement", action: "opened", within: { amount: 7, unit: "days" } },
          { type: "received_message", reason_type: "campaign", reason_id: "cmp_1" },
          { type: "segment", segment_id: "seg_1", in: false },
        ],
      },
      { now }
    )
    const subqueries = sql.match(/FROM marketing_\w+ \w+ WHERE/g) ?? []
    expect(subqueries).toHaveLength(4)
    expect(sql.match(/\b(me|m|sm)\.deleted_at IS NULL/g)).toHaveLength(3)
    expect(sql).toContain("NOT EXISTS (SELECT 1 FROM marketing_segment_membership sm")
    // The order read model holds live, uncanceled orders only once `canceled` is tested.
    expect(sql).toContain("(SELECT count(*) FROM marketing_contact_order o WHERE o.contact_id = c.id AND NOT o.canceled)")
  })

  it("tests 'at least one' and 'none' with EXISTS rather than a count", () => {
    const orders = (operator: "gte" | "lte" | "eq", value: number) =>
      compileToSql({ type: "orders", count: { operator, value } }, { now }).sql
    expect(orders("gte", 1)).toMatch(/^EXISTS \(SELECT 1 FROM marketing_contact_order o/)
    expect(orders("eq", 0)).toMatch(/^NOT EXISTS \(/)
    expect(orders("lte", 0)).toMatch(/^NOT EXISTS \(/)
    expect(orders("lte", 1)).toMatch(/^\(SELECT count\(\*\)/)
  })

  it("over the whole population counts orders in one grouped pass, where the planner can join it", () => {
    const atLeastTwo: Rule = { type: "orders", count: { operator: "gte", value: 2 } }
    const seen: Rule = { type: "field", field: "last_seen_at", operator: "is_set" }
    const whole = (rule: Rule) => compileToSql(rule, { now, wholePopulation: true }).sql
    const grouped = /c\.id IN \(SELECT o\.contact_id FROM marketing_contact_order o WHERE NOT o\.canceled GROUP BY o\.contact_id HAVING count\(\*\) >= \$\d+::int\)/
    expect(whole(atLeastTwo)).toMatch(grouped)
    expect(whole({ type: "group", match: "all", rules: [seen, { type: "group", match: "all", rules: [atLeastTwo] }] })).toMatch(grouped)
    expect(whole({ type: "orders", count: { operator: "eq", value: 3 } })).toMatch(/HAVING count\(\*\) = /)
    // Under OR or NOT, and for "at most", the count stays per contact.
    const perContact: Rule[] = [
      { type: "group", match: "any", rules: [seen, atLeastTwo] },
      { type: "group", match: "none", rules: [atLeastTwo] },
      { type: "group", match: "all", rules: [{ type: "group", match: "any", rules: [atLeastTwo] }] },
      { type: "orders", count: { operator: "lte", value: 2 } },
      { type: "orders", count: { operator: "gte", value: 0 } },
    ]
    for (const rule of perContact) {
      expect(whole(rule)).not.toContain("GROUP BY")
      expect(whole(rule)).toContain("(SELECT count(*) FROM marketing_contact_order o WHERE o.contact_id = c.id")
    }
    expect(compileToSql(atLeastTwo, { now }).sql).not.toContain("GROUP BY")
  })

  it("negates a none group as a whole", () => {
    const { sql } = compileToSql(
      {
        type: "group",
        match: "none",
        rules: [
          { type: "field", field: "suppressed", operator: "is_true" },
          { type: "field", field: "consent_status", operator: "in", value: ["unsubscribed", "never"] },
        ],
      },
      { now }
    )
    expect(sql).toEqual(
      "NOT (c.suppressed_at IS NOT NULL OR (c.consent_status IS NOT NULL AND c.consent_status = ANY($1::text[])))"
    )
  })

  it("binds anniversaries as the month-days of the window and never casts a text date", () => {
    const { sql, params } = compileToSql(
      { type: "field", field: "birth_date", operator: "anniversary_within", value: { days: 1 } },
      { now }
    )
    expect(sql).toEqual(
      "(c.birth_date IS NOT NULL AND c.birth_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND substr(c.birth_date, 6, 5) = ANY($1::text[]))"
    )
    expect(params).toEqual([["06-15", "06-16"]])
  })

  it("compares strictly-after on timestamps from the next millisecond, as truncated times compare", () => {
    const { sql, params } = compileToSql(
      { type: "field", field: "created_at", operator: "after", value: "2026-01-01T00:00:00Z" },
      { now }
    )
    expect(sql).toEqual("(c.created_at IS NOT NULL AND c.created_at >= $1::timestamptz)")
    expect(params).toEqual(["2026-01-01T00:00:00.001Z"])
  })

  it("compares real columns at single precision", () => {
    const { sql } = compileToSql({ type: "field", field: "churn_risk", operator: "gt", value: 0.5 }, { now })
    expect(sql).toEqual("(c.churn_risk IS NOT NULL AND c.churn_risk > $1::float8::real)")
  })

  it("refuses what validation would have refused", () => {
    expect(() => compileToSql({ type: "group", match: "all", rules: [] }, { now })).toThrow("at least one rule")
    expect(() => compileToSql({ type: "field", field: "shoe_size", operator: "is_set" } as never, { now })).toThrow(
      'unknown segment field "shoe_size"'
    )
    expect(() => compileToSql({ type: "field", field: "email", operator: "gt", value: 1 } as never, { now })).toThrow(
      'operator "gt" does not apply'
    )
  })
})

describe("toKnexBindings", () => {
  it("turns placeholders into ? in order, repeating values and writing arrays as array literals", () => {
    expect(toKnexBindings("a = $2::text AND b = $1::text[] AND c = $2::text", [["x", 'q"u\\o'], "y"])).toEqual({
      sql: "a = ?::text AND b = ?::text[] AND c = ?::text",
      bindings: ["y", '{"x","q\\"u\\\\o"}', "y"],
    })
  })

  it("refuses statements knex would misread or that lack a parameter", () => {
    expect(() => toKnexBindings("data ? 'key'", [])).toThrow("knex")
    expect(() => toKnexBindings("a = $2", ["only one"])).toThrow("$2 has no parameter")
  })

  it("writes numbers in array literals bare", () => {
    expect(toPgArrayLiteral([1, 2.5])).toEqual("{1,2.5}")
  })
})
