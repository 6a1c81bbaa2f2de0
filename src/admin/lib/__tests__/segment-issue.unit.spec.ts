import { assertValidSegmentRules } from "../../../workflows/segments/compile"
import { parseRuleIssue } from "../segment-issue"

/** The message the server answers these rules with. */
const serverMessage = (rules: unknown) => {
  try {
    assertValidSegmentRules(rules, { rulesById: new Map() })
  } catch (error) {
    return (error as Error).message
  }
  throw new Error("expected the rules to be refused")
}

const group = (rules: unknown[], match = "all") => ({ type: "group", match, rules })
const consent = { type: "field", field: "consent_status", operator: "eq", value: "subscribed" }

describe("parseRuleIssue", () => {
  it("finds the nested condition the server names, and keeps the server's words", () => {
    const message = serverMessage(
      group([consent, group([consent, { type: "field", field: "churn_risk", operator: "gt", value: 3 }], "any")])
    )
    expect(message).toMatch(/^rules\.rules\[1\]\.rules\[1\]\.value: /)
    expect(parseRuleIssue(message)).toEqual({ path: [1, 1], message })
  })

  it("points at the condition when the problem is deep inside it", () => {
    const message = serverMessage(
      group([{ type: "orders", count: { operator: "gte", value: 1 }, within: { amount: 0, unit: "days" } }])
    )
    expect(message).toMatch(/^rules\.rules\[0\]\.within\.amount: /)
    expect(parseRuleIssue(message).path).toEqual([0])
  })

  it("points at a group whose own list is the problem", () => {
    const message = serverMessage(group([consent, group([])]))
    expect(parseRuleIssue(message).path).toEqual([1])
  })

  it("names the whole rule for problems of the rule as a whole", () => {
    const message = serverMessage(group([{ type: "segment", segment_id: "mkt_seg_gone", in: true }]))
    expect(message).toEqual("rules: segment mkt_seg_gone does not exist")
    expect(parseRuleIssue(message)).toEqual({ path: [], message })
  })

  it("names no node for other errors", () => {
    expect(parseRuleIssue("Invalid request: Field 'name' is required")).toEqual({
      path: null,
      message: "Invalid request: Field 'name' is required",
    })
    expect(parseRuleIssue("Failed to fetch").path).toBeNull()
  })
})
