import { keyedRandom } from "../random"
import { inHoldout, matchesTrigger, nextTriggerOccurrence, shouldEnter } from "../triggers"
import { DAY, flow, T0, welcomeJson } from "./fixtures"

const at = (iso: string) => Date.parse(iso)
const steps = { a: { type: "send_email", template_id: "tpl_1" } }
const dateFlow = (trigger: Record<string, unknown>) =>
  flow({ trigger: { type: "date", annual: true, offset_days: 0, ...trigger }, entry: "a", steps })

function occurrence(trigger: Record<string, unknown>, contact: Record<string, unknown>, after: string) {
  const found = nextTriggerOccurrence(dateFlow(trigger), contact, { after: at(after), storeTimezone: "Europe/Berlin" })
  return found && { at: new Date(found.at).toISOString(), key: found.key }
}

describe("date triggers", () => {
  it("fires on the birthday at 09:00 in the contact's zone by default", () => {
    expect(occurrence({ field: "birth_date" }, { birth_date: "1990-03-14", timezone: "America/New_York" }, "2026-01-14T00:00:00Z")).toEqual({
      at: "2026-03-14T13:00:00.000Z",
      key: "2026-03-14",
    })
    expect(occurrence({ field: "birth_date", hour: 8 }, { birth_date: "1990-03-14" }, "2026-01-14T00:00:00Z")).toEqual({
      at: "2026-03-14T07:00:00.000Z",
      key: "2026-03-14",
    })
  })

  it("moves to next year once this year's has passed, and applies the offset", () => {
    expect(occurrence({ field: "birth_date" }, { birth_date: "1990-03-14" }, "2026-03-14T08:00:00.001Z")?.key).toBe(
      "2027-03-14"
    )
    expect(occurrence({ field: "birth_date", offset_days: -7 }, { birth_date: "1990-03-14" }, "2026-01-14T00:00:00Z")?.key).toBe(
      "2026-03-07"
    )
    expect(occurrence({ field: "birth_date", offset_days: -7 }, { birth_date: "1990-01-03" }, "2026-12-01T00:00:00Z")?.key).toBe(
      "2026-12-27"
    )
  })

  it("celebrates 29 February on 28 February in years without one", () => {
    const leapling = { birth_date: "2000-02-29" }
    expect(occurrence({ field: "birth_date" }, leapling, "2027-01-01T00:00:00Z")?.key).toBe("2027-02-28")
    expect(occurrence({ field: "birth_date" }, leapling, "2028-01-01T00:00:00Z")?.key).toBe("2028-02-29")
    expect(occurrence({ field: "birth_date" }, leapling, "2028-02-29T08:00:00.001Z")?.key).toBe("2029-02-28")
  })

  it("counts a timestamp from its local date and fires a one-off offset once", () => {
    // 22:30 UTC on 10 January is already 11 January in Tokyo.
    const contact = { first_order_at: "2026-01-10T22:30:00Z", timezone: "Asia/Tokyo" }
    const trigger = { field: "first_order_at", annual: false, offset_days: 30, hour: 10 }
    expect(occurrence(trigger, contact, "2026-01-11T00:00:00Z")).toEqual({ at: "2026-02-10T01:00:00.000Z", key: "2026-02-10" })
    expect(occurrence(trigger, contact, "2026-02-10T01:00:00.001Z")).toBeNull()
  })

  it("starts anniversaries the year after the date itself", () => {
    expect(occurrence({ field: "first_order_at" }, { first_order_at: "2026-01-10T12:00:00Z" }, "2026-01-01T00:00:00Z")?.key).toBe(
      "2027-01-10"
    )
  })

  it("does not fire without a readable date", () => {
    expect(occurrence({ field: "birth_date" }, {}, "2026-01-01T00:00:00Z")).toBeNull()
    expect(occurrence({ field: "birth_date" }, { birth_date: "1990-02-30" }, "2026-01-01T00:00:00Z")).toBeNull()
    expect(occurrence({ field: "birth_date" }, { birth_date: "14/03/1990" }, "2026-01-01T00:00:00Z")).toBeNull()
  })
})

describe("inactivity triggers", () => {
  const definition = flow({ trigger: { type: "inactivity", days: 90 }, entry: "a", steps })

  it("is due the given number of days after the last order, keyed by that order", () => {
    const due = nextTriggerOccurrence(definition, { last_order_at: "2026-01-01T12:00:00Z" }, { after: T0 })
    expect(due).toEqual({ at: at("2026-01-01T12:00:00Z") + 90 * DAY, key: "2026-01-01T12:00:00.000Z" })
  })

  it("never fires for a contact who never ordered", () => {
    expect(nextTriggerOccurrence(definition, { last_order_at: null }, { after: T0 })).toBeNull()
  })
})

describe("shouldEnter", () => {
  const withPolicy = (reentry: unknown) => flow({ ...welcomeJson, reentry })
  const entry = (daysAgo: number, key: string) => ({ entered_at: T0 - daysAgo * DAY, key })

  it('"once" lets a contact in a single time', () => {
    expect(shouldEnter(withPolicy("once"), { previousEntries: [], key: "k1", now: T0 })).toEqual({ enter: true })
    expect(shouldEnter(withPolicy("once"), { previousEntries: [entry(400, "k0")], key: "k1", now: T0 })).toEqual({
      enter: false,
      reason: "already_entered",
    })
  })

  it('"every_time" lets every new occurrence in, but not the same one twice', () => {
    const definition = withPolicy("every_time")
    expect(shouldEnter(definition, { previousEntries: [entry(0, "cart_1")], key: "cart_2", now: T0 })).toEqual({ enter: true })
    expect(shouldEnter(definition, { previousEntries: [entry(0, "cart_1")], key: "cart_1", now: T0 })).toEqual({
      enter: false,
      reason: "duplicate",
    })
  })

  it("{ days } waits that long after the latest entry", () => {
    const definition = withPolicy({ days: 30 })
    expect(shouldEnter(definition, { previousEntries: [entry(40, "a"), entry(10, "b")], key: "c", now: T0 })).toEqual({
      enter: false,
      reason: "too_soon",
      retry_at: T0 + 20 * DAY,
    })
    expect(shouldEnter(definition, { previousEntries: [entry(31, "b")], key: "c", now: T0 })).toEqual({ enter: true })
    expect(shouldEnter(definition, { previousEntries: [entry(31, "b")], key: "b", now: T0 }).enter).toBe(false)
  })
})

describe("inHoldout", () => {
  it("holds out about the configured share of entries, the same ones every time", () => {
    const definition = flow({ ...welcomeJson, holdout_percent: 10 })
    const random = keyedRandom("flow_1")
    let held = 0
    for (let i = 0; i < 10_000; i++) {
      if (inHoldout(definition, random, `entry_${i}`)) held++
    }
    expect(Math.abs(held / 10_000 - 0.1)).toBeLessThan(0.015)
    expect(inHoldout(definition, keyedRandom("flow_1"), "entry_42")).toBe(inHoldout(definition, random, "entry_42"))
  })

  it("holds out nobody without a holdout percentage", () => {
    const definition = flow(welcomeJson)
    expect(Array.from({ length: 100 }, (_, i) => inHoldout(definition, () => 0, `e${i}`)).some(Boolean)).toBe(false)
  })
})

describe("matchesTrigger", () => {
  const definition = flow({
    trigger: {
      type: "event",
      event: "marketing.segment_entered",
      filter: {
        contact: { type: "field", field: "consent_status", operator: "eq", value: "subscribed" },
        data: [{ path: "segment_id", operator: "eq", value: "seg_vip" }],
      },
    },
    entry: "a",
    steps,
  })
  const subscribed = { consent_status: "subscribed" }
  const now = { now: new Date(T0) }

  it("starts on the named event when the data and the contact match", () => {
    expect(matchesTrigger(definition, { name: "marketing.segment_entered", data: { segment_id: "seg_vip" } }, subscribed, now)).toBe(true)
    expect(matchesTrigger(definition, { name: "marketing.segment_entered", data: { segment_id: "seg_other" } }, subscribed, now)).toBe(false)
    expect(matchesTrigger(definition, { name: "marketing.segment_exited", data: { segment_id: "seg_vip" } }, subscribed, now)).toBe(false)
    expect(
      matchesTrigger(definition, { name: "marketing.segment_entered", data: { segment_id: "seg_vip" } }, { consent_status: "never" }, now)
    ).toBe(false)
  })
})
