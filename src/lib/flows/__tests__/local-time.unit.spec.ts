import { advance, createRunState } from "../machine"
import { nextOccurrence, zonedInstant } from "../local-time"
import { keyedRandom } from "../random"
import { flow } from "./fixtures"

const at = (iso: string) => Date.parse(iso)
const next = (time: string, after: string, timeZone: string, weekdays?: number[]) =>
  new Date(nextOccurrence({ time, weekdays }, { after: at(after), timeZone })).toISOString()

describe("nextOccurrence (wait_until)", () => {
  it("keeps 09:00 local across the spring change in Europe/Berlin", () => {
    // Saturday 10:00 CET; Sunday 09:00 is CEST, 23 hours after Saturday 09:00.
    expect(next("09:00", "2026-03-28T09:00:00Z", "Europe/Berlin")).toBe("2026-03-29T07:00:00.000Z")
    expect(next("09:00", "2026-03-27T09:00:00Z", "Europe/Berlin")).toBe("2026-03-28T08:00:00.000Z")
  })

  it("keeps 09:00 local across the autumn change in Europe/Berlin", () => {
    expect(next("09:00", "2026-10-24T08:00:00Z", "Europe/Berlin")).toBe("2026-10-25T08:00:00.000Z")
  })

  it("keeps 09:00 local across both changes in America/New_York", () => {
    expect(next("09:00", "2026-03-07T15:00:00Z", "America/New_York")).toBe("2026-03-08T13:00:00.000Z")
    expect(next("09:00", "2026-10-31T14:00:00Z", "America/New_York")).toBe("2026-11-01T14:00:00.000Z")
  })

  it("moves a time the clocks skip forward by the gap, and takes the first of a time that happens twice", () => {
    expect(next("02:30", "2026-03-28T23:00:00Z", "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z")
    expect(next("02:30", "2026-10-24T22:00:00Z", "Europe/Berlin")).toBe("2026-10-25T00:30:00.000Z")
    expect(new Date(zonedInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 15 }, "America/New_York")).toISOString()).toBe(
      "2026-03-08T07:15:00.000Z"
    )
  })

  it("waits for a permitted weekday, and takes today when the time is still ahead", () => {
    const weekdays = [1, 2, 3, 4, 5]
    expect(next("09:00", "2026-01-03T19:00:00Z", "Europe/Berlin", weekdays)).toBe("2026-01-05T08:00:00.000Z")
    expect(next("09:00", "2026-01-05T07:59:00Z", "Europe/Berlin", weekdays)).toBe("2026-01-05T08:00:00.000Z")
    expect(next("09:00", "2026-01-05T08:00:00Z", "Europe/Berlin", weekdays)).toBe("2026-01-05T08:00:00.000Z")
    expect(next("09:00", "2026-01-05T08:00:00.001Z", "Europe/Berlin", weekdays)).toBe("2026-01-06T08:00:00.000Z")
    expect(next("09:00", "2026-01-09T09:00:00Z", "Europe/Berlin", [7])).toBe("2026-01-11T08:00:00.000Z")
  })

  it("follows the date line: 09:00 on 2 January in Pacific/Kiritimati is 19:00 UTC on 1 January", () => {
    expect(next("09:00", "2026-01-01T00:00:00Z", "Pacific/Kiritimati")).toBe("2026-01-01T19:00:00.000Z")
  })
})

describe("wait_until steps", () => {
  const definition = flow({
    trigger: { type: "event", event: "customer.created" },
    entry: "morning",
    steps: {
      morning: { type: "wait_until", time: "09:00", next: "hello" },
      hello: { type: "send_email", template_id: "tpl_hello" },
    },
  })
  const wakeAt = (timezone: string | null, storeTimezone?: string) =>
    new Date(
      advance(definition, createRunState(), { kind: "start" }, {
        runId: "r",
        now: at("2026-03-07T15:00:00Z"),
        contact: { timezone },
        storeTimezone,
        random: keyedRandom(),
      }).state.wake_at!
    ).toISOString()

  it("waits in the contact's time zone, else the store's, else UTC", () => {
    expect(wakeAt("America/New_York", "Europe/Berlin")).toBe("2026-03-08T13:00:00.000Z")
    expect(wakeAt("Mars/Olympus_Mons", "Europe/Berlin")).toBe("2026-03-08T08:00:00.000Z")
    expect(wakeAt(null, "Europe/Berlin")).toBe("2026-03-08T08:00:00.000Z")
    expect(wakeAt(null)).toBe("2026-03-08T09:00:00.000Z")
  })
})
