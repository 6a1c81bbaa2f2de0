import { abDecisionDueAt, campaignStartsAt, scheduleHasPassed } from "../schedule"

const HOUR = 3_600_000
const nine = Date.parse("2027-06-01T09:00:00Z")

describe("campaign timing", () => {
  it("starts a campaign at its time, and a local-time one when UTC+14 reaches that wall-clock time", () => {
    expect(campaignStartsAt({ scheduled_at: "2027-06-01T09:00:00Z", local_time: false })).toEqual(nine)
    expect(campaignStartsAt({ scheduled_at: new Date(nine), local_time: true })).toEqual(nine - 14 * HOUR)
    expect(campaignStartsAt({ scheduled_at: null, local_time: false })).toBeNull()
  })

  it("decides an A/B test the given hours after the sample went out, to the last zone for local time", () => {
    expect(abDecisionDueAt({ scheduled_at: nine, local_time: false, started_at: nine }, 4)).toEqual(nine + 4 * HOUR)
    // The sample reaches UTC-12 twelve hours after UTC; the wait counts from there.
    const localStart = nine - 14 * HOUR
    expect(abDecisionDueAt({ scheduled_at: nine, local_time: true, started_at: localStart }, 4)).toEqual(nine + 16 * HOUR)
    // Started late (the store was down): the wait counts from the start.
    const late = nine + 20 * HOUR
    expect(abDecisionDueAt({ scheduled_at: nine, local_time: true, started_at: late }, 4)).toEqual(late + 4 * HOUR)
    expect(abDecisionDueAt({ scheduled_at: nine, local_time: false, started_at: null }, 4)).toBeNull()
  })
})

describe("scheduleHasPassed", () => {
  const nine = "2027-06-01T09:00:00Z"
  const at = (iso: string) => new Date(iso)

  it("takes a time a few minutes ago as now, and refuses one that has passed", () => {
    expect(scheduleHasPassed({ scheduled_at: nine, local_time: false }, at("2027-06-01T09:04:00Z"))).toBe(false)
    expect(scheduleHasPassed({ scheduled_at: nine, local_time: false }, at("2027-06-01T09:06:00Z"))).toBe(true)
    expect(scheduleHasPassed({ scheduled_at: "2001-01-01T00:00:00Z", local_time: false }, at(nine))).toBe(true)
  })

  it("keeps a local-time campaign valid until the zone furthest behind reaches its time", () => {
    expect(scheduleHasPassed({ scheduled_at: nine, local_time: true }, at("2027-06-01T20:00:00Z"))).toBe(false)
    expect(scheduleHasPassed({ scheduled_at: nine, local_time: true }, at("2027-06-01T21:06:00Z"))).toBe(true)
  })

  it("has nothing to refuse without a time", () => {
    expect(scheduleHasPassed({ scheduled_at: null, local_time: false }, at(nine))).toBe(false)
  })
})
