import fc from "fast-check"
import {
  DEFAULT_ENGAGEMENT_WEIGHTS,
  engagementBreakdown,
  EngagementEvent,
  EngagementEventType,
  engagementScore,
  explainEngagement,
} from "../engagement"

const now = new Date("2026-06-01T12:00:00Z")
const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000)
const event = (type: EngagementEventType, days: number): EngagementEvent => ({ type, at: daysBefore(days) })

describe("engagementScore", () => {
  it("is 0 without any activity", () => {
    expect(engagementScore([], now)).toBe(0)
  })

  it("counts an event one half-life ago half, two half-lives ago a quarter", () => {
    const click = DEFAULT_ENGAGEMENT_WEIGHTS.click
    expect(engagementScore([event("click", 0)], now)).toBe(click)
    expect(engagementScore([event("click", 30)], now)).toBe(click / 2)
    expect(engagementScore([event("click", 60)], now)).toBe(click / 4)
    expect(engagementScore([event("order", 7)], now, { halfLifeDays: 7 })).toBe(
      DEFAULT_ENGAGEMENT_WEIGHTS.order / 2
    )
  })

  it("values a click above an open", () => {
    expect(engagementScore([event("click", 2)], now)).toBeGreaterThan(engagementScore([event("open", 2)], now))
  })

  it("saturates at 100 however much activity adds up", () => {
    const busy = Array.from({ length: 40 }, (_, i) => event("order", i % 5))
    expect(engagementScore(busy, now)).toBe(100)
  })

  it("stays between 0 and 100 and never drops when an event is added", () => {
    const types: EngagementEventType[] = ["open", "click", "visit", "cart", "order"]
    const arbitraryEvent = fc.record({
      type: fc.constantFrom(...types),
      days: fc.double({ min: 0, max: 400, noNaN: true }),
    })
    fc.assert(
      fc.property(fc.array(arbitraryEvent, { maxLength: 30 }), arbitraryEvent, (rows, extra) => {
        const events = rows.map((row) => event(row.type, row.days))
        const score = engagementScore(events, now)
        const more = engagementScore([...events, event(extra.type, extra.days)], now)
        return score >= 0 && score <= 100 && more >= score
      })
    )
  })

  it("counts events dated after now as happening now, and uses custom weights", () => {
    const future = { type: "visit" as const, at: new Date(now.getTime() + 3_600_000) }
    expect(engagementScore([future], now)).toBe(DEFAULT_ENGAGEMENT_WEIGHTS.visit)
    expect(engagementScore([event("open", 0)], now, { weights: { open: 0 } })).toBe(0)
    expect(engagementScore([event("open", 0)], now, { weights: { open: 5 } })).toBe(5)
  })

  it("rejects a half-life or weight that is not a positive number", () => {
    expect(() => engagementScore([], now, { halfLifeDays: 0 })).toThrow("halfLifeDays")
    expect(() => engagementScore([], now, { weights: { click: -1 } })).toThrow("weights.click")
  })
})

describe("explainEngagement", () => {
  it("lists the largest contributors first", () => {
    const events = [event("open", 0), event("order", 30), event("click", 0), event("click", 0)]
    expect(engagementBreakdown(events, now).contributions.map((entry) => entry.type)).toEqual([
      "click",
      "order",
      "open",
    ])
    expect(explainEngagement(events, now)).toEqual([
      "Engagement 33/100; each event's points halve every 30 days.",
      "2 email clicks, the latest today: 16 points.",
      "1 order, the latest 30 days ago: 15 points.",
      "1 email open, the latest today: 2 points.",
    ])
    expect(explainEngagement(events, now, { top: 1 })).toHaveLength(2)
  })

  it("says when the cap cuts the score, and when there is nothing to score", () => {
    const busy = Array.from({ length: 5 }, () => event("order", 0))
    expect(explainEngagement(busy, now)).toContain("Activity adds up to 150 points; the score stops at 100.")
    expect(explainEngagement([], now)).toEqual([
      "Engagement 0/100: no opens, clicks, visits, cart activity or orders on record.",
    ])
  })
})
