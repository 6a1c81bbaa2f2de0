import {
  ActivitySummary,
  buildScoringModel,
  decayedPoints,
  DEFAULT_ENGAGEMENT_WEIGHTS,
  ENGAGEMENT_ACTIVITY_TYPES,
  explainContact,
  LEAD_POINTS_EVENT,
  leadRuleCountsFrom,
  LeadScoreRule,
  scoreContact,
  scoreContactFromStored,
  scoreContactFromSummary,
  storedActivityHolds,
  ScoringActivity,
  ScoringInput,
} from ".."
import { seededRandom } from "./simulate"

const NOW = new Date("2027-06-01T12:00:00Z")
const DAY = 86_400_000

const RULES: LeadScoreRule[] = [
  { id: "clicked", name: "Clicked", points: 5, when: { event_type: "clicked" }, expires_after_days: 30, max_times: 2 },
  { id: "signed", name: "Signed up", points: 10, when: { event_type: "signed_up" } },
  {
    id: "big",
    name: "Big order",
    points: 20,
    when: { event_type: "order_placed", property: { path: "total", operator: "gte", value: 100 } },
    expires_after_days: 90,
  },
  {
    id: "shoes",
    name: "Shoes",
    points: 3,
    when: { event_type: "order_placed", property: { path: "items.sku", operator: "contains", value: "shoe" } },
  },
]

/** Sums events the way the full refresh's SQL does, per type and per rule. */
function summarise(activity: ScoringActivity[], rules: LeadScoreRule[]): ActivitySummary {
  const summary: ActivitySummary = { engagement: [], lead_counts: {}, lead_events: {} }
  const byType = new Map<string, ActivitySummary["engagement"][number]>()
  for (const event of activity) {
    const type = ENGAGEMENT_ACTIVITY_TYPES[event.type]
    if (!type) {
      continue
    }
    const at = new Date(event.at).getTime()
    const entry = byType.get(event.type) ?? { type: event.type, count: 0, points: 0, last_at: at, first_at: at }
    entry.count++
    entry.points += decayedPoints(DEFAULT_ENGAGEMENT_WEIGHTS[type], NOW.getTime() - at)
    entry.last_at = Math.max(entry.last_at, at)
    entry.first_at = Math.min(entry.first_at, at)
    byType.set(event.type, entry)
  }
  summary.engagement = [...byType.values()]
  const awards = activity.filter((event) => event.type === LEAD_POINTS_EVENT)
  if (awards.length) {
    summary.awarded = {
      count: awards.length,
      points: awards.reduce((sum, event) => sum + Number(event.data?.points ?? 0), 0),
      last_at: Math.max(...awards.map((event) => new Date(event.at).getTime())),
      first_at: Math.min(...awards.map((event) => new Date(event.at).getTime())),
    }
  }
  for (const rule of rules) {
    const events = activity.filter((event) => event.type === rule.when.event_type)
    if (rule.when.property) {
      const root = rule.when.property.path.split(".")[0]
      summary.lead_events[rule.id] = events.map((event) => ({
        at: new Date(event.at).getTime(),
        data: event.data ? { [root]: event.data[root] } : null,
      }))
      continue
    }
    const from = leadRuleCountsFrom(rule, NOW)
    const counted = events.filter((event) => new Date(event.at).getTime() >= from)
    if (events.length) {
      summary.lead_counts[rule.id] = {
        counted: counted.length,
        expired: events.length - counted.length,
        last_at: counted.length ? Math.max(...counted.map((event) => new Date(event.at).getTime())) : null,
        first_at: counted.length ? Math.min(...counted.map((event) => new Date(event.at).getTime())) : null,
      }
    }
  }
  return summary
}

describe("scoring a contact from summed activity", () => {
  const random = seededRandom(11)
  const contacts: { input: ScoringInput; activity: ScoringActivity[] }[] = Array.from({ length: 200 }, (_, i) => {
    const orders = i % 4 === 0 ? 0 : 1 + Math.floor(random() * 8)
    const first = NOW.getTime() - (30 + random() * 700) * DAY
    const last = orders > 1 ? first + random() * (NOW.getTime() - first) : first
    const activity: ScoringActivity[] = Array.from({ length: Math.floor(random() * 12) }, () => {
      const type = ["opened", "clicked", "cart_updated", "order_placed", "signed_up", "subscribed", "lead_points"][
        Math.floor(random() * 7)
      ]
      return {
        type,
        at: new Date(NOW.getTime() - (random() * 360 - 2) * DAY),
        data:
          type === "order_placed"
            ? { total: Math.round(random() * 20_000) / 100, items: [{ sku: random() < 0.5 ? "SHOE" : "HAT" }] }
            : type === "lead_points"
              ? { points: Math.floor(random() * 30) - 5 }
              : null,
      }
    })
    return {
      input: {
        id: `c${i}`,
        orders_count: orders,
        total_spent: orders ? Math.round(orders * random() * 15_000) / 100 : 0,
        first_order_at: orders ? new Date(first) : null,
        last_order_at: orders ? new Date(last) : null,
        last_seen_at: i % 3 ? new Date(NOW.getTime() - random() * 200 * DAY) : null,
        currency_code: i % 2 ? "eur" : null,
      },
      activity,
    }
  })
  const model = buildScoringModel(
    contacts.map((contact) => contact.input),
    NOW
  )

  it("gives every contact the scores that scoring its events gives", () => {
    for (const { input, activity } of contacts) {
      const summary = summarise(activity, RULES)
      expect(scoreContactFromSummary(input, summary, model, RULES, NOW)).toEqual(scoreContact(input, activity, model, RULES, NOW))
      expect(scoreContactFromSummary(input, summary, model, RULES, NOW)).toEqual(explainContact(input, activity, model, RULES, NOW).scores)
    }
  })

  it("counts a rule's expired events in the sentence and leaves them out of the score", () => {
    const input = contacts[0].input
    const clicks: ScoringActivity[] = [10, 20, 40, 50].map((days) => ({ type: "clicked", at: new Date(NOW.getTime() - days * DAY) }))
    const { scores, explanation } = explainContact(input, clicks, model, RULES, NOW)
    expect(scores.lead_score).toEqual(10)
    expect(scoreContactFromSummary(input, summarise(clicks, RULES), model, RULES, NOW)).toEqual(scores)
    expect(explanation.lead_score.join(" ")).toContain("2 older than 30 days no longer count")
  })

  it("keeps the lead points flow steps awarded, with a line of their own", () => {
    const input = contacts[0].input
    const activity: ScoringActivity[] = [
      { type: "signed_up", at: new Date(NOW.getTime() - 5 * DAY) },
      { type: LEAD_POINTS_EVENT, at: new Date(NOW.getTime() - 3 * DAY), data: { points: 15, step: "a" } },
      { type: LEAD_POINTS_EVENT, at: new Date(NOW.getTime() - 1 * DAY), data: { points: -5, step: "b" } },
    ]
    const { scores, explanation } = explainContact(input, activity, model, RULES, NOW)
    expect(scores.lead_score).toEqual(20)
    expect(explanation.lead_score).toEqual([
      "Lead score 20 from 1 rule and flow steps.",
      expect.stringMatching(/^Signed up: 1 time, latest .*, \+10 points\.$/),
      expect.stringMatching(/^Flow steps: 2 times, latest .*, \+10 points\.$/),
    ])
    expect(scoreContactFromSummary(input, summarise(activity, RULES), model, RULES, NOW)).toEqual(scores)
  })

  it("carries stored engagement and lead scores forward to a later hour exactly as counting the events then would", () => {
    const carried = { held: 0, recounted: 0 }
    for (const { input, activity } of contacts) {
      const stored = scoreContact(input, activity, model, RULES, NOW)
      // At the instant of counting, carrying forward changes nothing.
      expect(scoreContactFromStored(input, stored, model, NOW)).toEqual(stored)
      for (const later of [1 / 24, 3, 20, 45, 120, 300].map((days) => new Date(NOW.getTime() + days * DAY))) {
        const inLookback = activity.filter((event) => new Date(event.at).getTime() >= later.getTime() - 365 * DAY)
        const fresh = scoreContact(input, inLookback, model, RULES, later)
        if (!storedActivityHolds(stored, later)) {
          carried.recounted++
          continue
        }
        carried.held++
        const forward = scoreContactFromStored(input, stored, model, later)
        expect({ ...forward, engagement_score: 0, engagement_points: 0, engagement_counted_at: null, scores_recheck_at: null }).toEqual({
          ...fresh,
          engagement_score: 0,
          engagement_points: 0,
          engagement_counted_at: null,
          scores_recheck_at: null,
        })
        // The stored points are single precision: the decayed score may land on the other side of a rounding step.
        expect(Math.abs(forward.engagement_score - fresh.engagement_score)).toBeLessThanOrEqual(1)
        expect(forward.scores_recheck_at).toEqual(stored.scores_recheck_at)
      }
    }
    expect(carried.held).toBeGreaterThan(100)
    expect(carried.recounted).toBeGreaterThan(100)
  })

  it("rechecks a contact when a counted event leaves its rule's expiry, the lookback, or comes due", () => {
    const input = contacts.find((contact) => contact.input.orders_count === 0)!.input
    const at = (days: number) => new Date(NOW.getTime() - days * DAY)
    const recheck = (activity: ScoringActivity[]) => scoreContact(input, activity, model, RULES, NOW).scores_recheck_at
    // "Clicked" counts 30 days: the click 10 days old stops counting in 20.
    expect(recheck([{ type: "clicked", at: at(10) }, { type: "clicked", at: at(2) }])).toEqual(at(-20).toISOString())
    // A cart update counts for engagement only, until it leaves the 365-day lookback.
    expect(recheck([{ type: "cart_updated", at: at(100) }])).toEqual(at(-265).toISOString())
    // A click dated ahead counts as now until its time comes.
    expect(recheck([{ type: "clicked", at: at(-1) }])).toEqual(at(-1).toISOString())
    expect(recheck([{ type: "subscribed", at: at(5) }])).toBeNull()
  })
})
