import { explainContact, buildScoringModel } from "../../scoring"
import { SCORE_FIELDS } from "../fields"
import {
  dependencyLevels,
  detectCycle,
  findSegmentReferences,
  requiredContext,
  segmentsReadingFields,
} from "../references"
import type { Rule } from "../schema"

const member = (segment_id: string, inSegment = true): Rule => ({ type: "segment", segment_id, in: inSegment })
const all = (...rules: Rule[]): Rule => ({ type: "group", match: "all", rules })

describe("findSegmentReferences", () => {
  it("lists each referenced segment once, in order of appearance, at any depth", () => {
    const rule = all(member("seg_b"), all(member("seg_a", false), member("seg_b")), {
      type: "field",
      field: "email",
      operator: "is_set",
    })
    expect(findSegmentReferences(rule)).toEqual(["seg_b", "seg_a"])
  })
})

describe("dependencyLevels", () => {
  const segment = (id: string, rules: Rule) => ({ id, rules })
  const anyone: Rule = { type: "field", field: "email", operator: "is_set" }
  const ids = (levels: { id: string }[][]) => levels.map((level) => level.map((s) => s.id))

  it("puts each segment one level after the deepest segment it reads, whatever the order given", () => {
    const segments = [
      segment("seg_d", all(member("seg_c"), member("seg_a"))),
      segment("seg_c", member("seg_b", false)),
      segment("seg_b", member("seg_a")),
      segment("seg_a", anyone),
      segment("seg_e", anyone),
    ]
    expect(ids(dependencyLevels(segments))).toEqual([["seg_a", "seg_e"], ["seg_b"], ["seg_c"], ["seg_d"]])
  })

  it("reads a segment outside the given ones as stored, so it sets no level", () => {
    const segments = [segment("seg_b", member("seg_elsewhere")), segment("seg_c", all(member("seg_b"), member("seg_elsewhere")))]
    expect(ids(dependencyLevels(segments))).toEqual([["seg_b"], ["seg_c"]])
    expect(dependencyLevels([])).toEqual([])
  })
})

describe("detectCycle", () => {
  it("finds a segment that references itself", () => {
    expect(detectCycle("seg_a", new Map([["seg_a", all(member("seg_a", false))]]))).toEqual(["seg_a", "seg_a"])
  })

  it("returns the path that closes a cycle through the saved segment", () => {
    const graph = new Map<string, Rule>([
      ["seg_a", member("seg_b")],
      ["seg_b", all(member("seg_c"), member("seg_x"))],
      ["seg_c", member("seg_a", false)],
    ])
    expect(detectCycle("seg_a", graph)).toEqual(["seg_a", "seg_b", "seg_c", "seg_a"])
  })

  it("finds a cycle the saved segment reaches without being part of it", () => {
    const graph = new Map<string, Rule>([
      ["seg_a", member("seg_b")],
      ["seg_b", member("seg_c")],
      ["seg_c", member("seg_b")],
    ])
    expect(detectCycle("seg_a", graph)).toEqual(["seg_b", "seg_c", "seg_b"])
  })

  it("accepts shared dependencies and references to segments outside the graph", () => {
    const graph = new Map<string, Rule>([
      ["seg_a", all(member("seg_b"), member("seg_c"))],
      ["seg_b", member("seg_d")],
      ["seg_c", member("seg_d")],
      ["seg_d", member("seg_unknown")],
    ])
    expect(detectCycle("seg_a", graph)).toBeNull()
  })
})

describe("requiredContext", () => {
  it("asks only for the rows the rule's behaviour conditions read", () => {
    expect(requiredContext(all({ type: "field", field: "email", operator: "is_set" }))).toEqual({
      events: false,
      messages: false,
      messageEvents: false,
      memberships: false,
    })
    expect(
      requiredContext(
        all(
          { type: "cart_abandoned", within: { amount: 1, unit: "days" } },
          { type: "email_engagement", action: "opened", within: { amount: 1, unit: "days" } },
          member("seg_a")
        )
      )
    ).toEqual({ events: true, messages: false, messageEvents: true, memberships: true })
  })
})

describe("segmentsReadingFields", () => {
  const field = (name: string) => ({ type: "field", field: name, operator: "is_set" }) as Rule

  it("finds the segments that read a score, directly or through segments they reference, in the order given", () => {
    const segments = [
      { id: "seg_on_vip", rules: all(member("seg_vip"), field("email")) },
      { id: "seg_plain", rules: all(field("email"), { type: "orders", count: { operator: "gte", value: 1 } } as Rule) },
      { id: "seg_vip", rules: all(field("first_name"), all(field("churn_risk"))) },
      { id: "seg_deeper", rules: member("seg_on_vip", false) },
      { id: "seg_on_plain", rules: member("seg_plain") },
    ]
    expect(segmentsReadingFields(segments, SCORE_FIELDS)).toEqual(["seg_on_vip", "seg_vip", "seg_deeper"])
    expect(segmentsReadingFields(segments, new Set(["email"]))).toEqual(["seg_on_vip", "seg_plain", "seg_deeper", "seg_on_plain"])
  })

  it("knows every value scoring writes as a score field", () => {
    const now = new Date("2027-01-01T00:00:00Z")
    const input = { id: "c", orders_count: 2, total_spent: 90, first_order_at: "2026-03-01T00:00:00Z",
      last_order_at: "2026-11-01T00:00:00Z", last_seen_at: null, currency_code: "eur" }
    const { scores } = explainContact(input, [], buildScoringModel([input], now), [], now)
    // What the hourly refresh carries forward is bookkeeping, not a field a rule can name.
    const bookkeeping = ["id", "scores_updated_at", "engagement_points", "engagement_counted_at", "scores_recheck_at", "scores_due_at"]
    const written = Object.keys(scores).filter((key) => !bookkeeping.includes(key))
    expect([...SCORE_FIELDS].sort()).toEqual(written.sort())
  })
})
