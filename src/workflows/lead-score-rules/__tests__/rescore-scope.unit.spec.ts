import { eventTypesToRescore } from "../rescore-scope"

const rule = {
  points: 10,
  event_type: "order_placed",
  property: { path: "total", operator: "gte" as const, value: 100 },
  expires_after_days: 30,
  max_times: null,
  enabled: true,
}

describe("eventTypesToRescore", () => {
  it("a new or deleted rule rescores the contacts with events of its type, unless it is off", () => {
    expect(eventTypesToRescore(null, rule)).toEqual(["order_placed"])
    expect(eventTypesToRescore(rule, null)).toEqual(["order_placed"])
    expect(eventTypesToRescore(null, { ...rule, enabled: false })).toEqual([])
  })

  it("a rename alone rescores nobody; any change to how points add up does", () => {
    expect(eventTypesToRescore(rule, { ...rule })).toEqual([])
    // Stored JSON may come back with its keys in another order.
    expect(eventTypesToRescore(rule, { ...rule, property: { value: 100, operator: "gte", path: "total" } })).toEqual([])
    expect(eventTypesToRescore(rule, { ...rule, points: 5 })).toEqual(["order_placed"])
    expect(eventTypesToRescore(rule, { ...rule, property: { ...rule.property, value: 50 } })).toEqual(["order_placed"])
    expect(eventTypesToRescore(rule, { ...rule, property: null })).toEqual(["order_placed"])
    expect(eventTypesToRescore(rule, { ...rule, expires_after_days: null })).toEqual(["order_placed"])
    expect(eventTypesToRescore(rule, { ...rule, max_times: 2 })).toEqual(["order_placed"])
  })

  it("moving a rule to another event type rescores both types; switching it off, the old one only", () => {
    expect(eventTypesToRescore(rule, { ...rule, event_type: "cart_abandoned" })).toEqual(["order_placed", "cart_abandoned"])
    expect(eventTypesToRescore(rule, { ...rule, enabled: false })).toEqual(["order_placed"])
    expect(eventTypesToRescore({ ...rule, enabled: false }, { ...rule, event_type: "signed_up" })).toEqual(["signed_up"])
  })
})
