import { DataConditionSchema } from "../../../lib/flows/definition"
import { formatConditionValue, parseConditionValue, parseJsonObject, parseScalar } from "../flow-values"

describe("flow value inputs", () => {
  it("reads typed text as the value it most likely means, quotes keeping text as text", () => {
    expect(parseScalar("42")).toBe(42)
    expect(parseScalar("-1.5")).toBe(-1.5)
    expect(parseScalar("true")).toBe(true)
    expect(parseScalar("null")).toBeNull()
    expect(parseScalar('"42"')).toBe("42")
    expect(parseScalar(" gold ")).toBe("gold")
  })

  it("reads a list for 'in', nothing for 'exists', and the language accepts the result", () => {
    const list = parseConditionValue("gold, 3, true", "in")
    expect(list).toEqual(["gold", 3, true])
    expect(DataConditionSchema.safeParse({ path: "tier", operator: "in", value: list }).success).toBe(true)
    expect(parseConditionValue("anything", "exists")).toBeUndefined()
    expect(parseConditionValue("", "eq")).toBeUndefined()
  })

  it("writes a value back so that reading it again gives the same value", () => {
    for (const [value, operator] of [["42", "eq"], [42, "eq"], ["true", "neq"], [["a", "1", 2], "in"]] as const) {
      const text = formatConditionValue(value)
      expect(parseConditionValue(text, operator)).toEqual(value)
    }
  })

  it("accepts only a JSON object for trigger data and config, and says what is wrong", () => {
    expect(parseJsonObject('{ "cart_id": "cart_1" }')).toEqual({ ok: true, value: { cart_id: "cart_1" } })
    expect(parseJsonObject("   ")).toEqual({ ok: true, value: undefined })
    expect(parseJsonObject("[1]")).toMatchObject({ ok: false, error: expect.stringMatching(/JSON object/) })
    expect(parseJsonObject("{ cart_id: 1 }")).toMatchObject({ ok: false, error: expect.stringMatching(/^Not valid JSON/) })
  })
})
