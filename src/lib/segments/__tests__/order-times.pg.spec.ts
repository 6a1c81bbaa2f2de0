import { compileToSql, evaluateRule, parseSegmentRule, type Rule } from ".."
import { shiftInstant } from "../time"
import { ADMIN_URL } from "./contact-rows"
import { createThrowawayDatabase, insertRows, type ThrowawayDatabase } from "./database"

/**
 * "Ordered N times in the last D days" reads the contact's `order_times`
 * (oldest first) by binary search in SQL and counts it in memory. The cases
 * sit on the edges the search must get right: an order exactly at the
 * window's start or end, a millisecond outside, two orders at once, orders
 * after now, none at all.
 */

const NOW = new Date("2026-12-03T12:00:00.000Z")
const START = shiftInstant(NOW, -30, "days")
const ms = (at: Date, delta: number) => new Date(at.getTime() + delta)
const LONG_AGO = new Date("2025-01-01T00:00:00.000Z")

const CONTACTS: Record<string, Date[]> = {
  none: [],
  at_start: [START, LONG_AGO],
  before_start: [ms(START, -1), LONG_AGO],
  at_now: [NOW],
  two_at_once: [ms(START, 1), ms(START, 1)],
  three_in_window: [ms(NOW, -1), ms(START, 5), START],
  after_now: [ms(NOW, 1), START, LONG_AGO],
  only_after_now: [ms(NOW, 86_400_000)],
  window_between_future: [ms(NOW, 2), ms(NOW, 1), NOW, ms(START, 1)],
}

const rule = (operator: "gte" | "lte" | "eq", value: number): Rule => {
  const parsed = parseSegmentRule({ type: "orders", count: { operator, value }, within: { amount: 30, unit: "days" } })
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.rule
}

describe("order counts over a window read from order_times", () => {
  let database: ThrowawayDatabase

  beforeAll(async () => {
    database = await createThrowawayDatabase(ADMIN_URL)
    await insertRows(
      database.client,
      "marketing_contact",
      Object.entries(CONTACTS).map(([id, times]) => ({
        id,
        email: `${id}@example.com`,
        // Oldest first, as the facts refresh keeps them.
        order_times: [...times].sort((a, b) => a.getTime() - b.getTime()).map((at) => at.toISOString()),
      }))
    )
  })

  afterAll(async () => {
    await database?.drop()
  })

  const matching = async (r: Rule, wholePopulation: boolean) => {
    const { sql, params } = compileToSql(r, { now: NOW, wholePopulation })
    const { rows } = await database.client.query<{ id: string }>(`SELECT c.id FROM marketing_contact c WHERE ${sql}`, params)
    return rows.map((row) => row.id).sort()
  }

  it.each([
    ["gte", 1, ["after_now", "at_now", "at_start", "three_in_window", "two_at_once", "window_between_future"]],
    ["gte", 2, ["three_in_window", "two_at_once", "window_between_future"]],
    ["gte", 3, ["three_in_window"]],
    ["lte", 0, ["before_start", "none", "only_after_now"]],
    ["lte", 1, ["after_now", "at_now", "at_start", "before_start", "none", "only_after_now"]],
    ["eq", 1, ["after_now", "at_now", "at_start"]],
    ["eq", 2, ["two_at_once", "window_between_future"]],
  ] as const)("count %s %d in the last 30 days", async (operator, value, expected) => {
    const r = rule(operator, value)
    const inMemory = Object.entries(CONTACTS)
      .filter(([, times]) => evaluateRule(r, { order_times: times }, { now: NOW, events: [] }))
      .map(([id]) => id)
      .sort()
    expect(inMemory).toEqual([...expected].sort())
    expect(await matching(r, false)).toEqual(inMemory)
    expect(await matching(r, true)).toEqual(inMemory)
  })
})
