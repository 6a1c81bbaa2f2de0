import { detectCycle, findSegmentReferences, requiredContext } from "../references"
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
