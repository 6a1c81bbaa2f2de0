import { checkGuardrails, DEFAULT_GUARDRAILS } from "../guardrails"
import { localMinutes, releaseTime } from "../quiet-hours"
import { describeGuardrailReason } from "../reasons"
import { TokenBucket } from "../rate-limiter"
import { nextRetry } from "../retry-policy"

const at = (iso: string) => new Date(iso)
const QUIET = { start: "21:00", end: "08:00" }

describe("releaseTime (quiet hours in the contact's time zone)", () => {
  it("lets a message go at once outside quiet hours", () => {
    const noon = at("2026-06-01T10:00:00Z") // 12:00 in Berlin
    expect(releaseTime(noon, QUIET, "Europe/Berlin")).toEqual(noon)
  })

  it("holds a late-evening message until 08:00 local the next morning", () => {
    // 21:30 in Berlin (UTC+2 in June) → 08:00 Berlin = 06:00Z next day.
    expect(releaseTime(at("2026-06-01T19:30:00Z"), QUIET, "Europe/Berlin")).toEqual(
      at("2026-06-02T06:00:00Z")
    )
  })

  it("holds an early-morning message until 08:00 the same day", () => {
    // 03:15 in New York (UTC-4) → 08:00 New York = 12:00Z.
    expect(releaseTime(at("2026-06-01T07:15:00Z"), QUIET, "America/New_York")).toEqual(
      at("2026-06-01T12:00:00Z")
    )
  })

  it("lands on 08:00 local across a daylight-saving change", () => {
    // Berlin leaves summer time on 25 Oct 2026 at 03:00 local.
    const release = releaseTime(at("2026-10-24T20:00:00Z"), QUIET, "Europe/Berlin")
    expect(localMinutes(release, "Europe/Berlin")).toEqual(8 * 60)
    expect(release).toEqual(at("2026-10-25T07:00:00Z"))
  })

  it("uses the fallback zone for an unknown or invalid time zone", () => {
    expect(releaseTime(at("2026-06-01T22:00:00Z"), QUIET, null)).toEqual(
      at("2026-06-02T08:00:00Z")
    )
    expect(releaseTime(at("2026-06-01T22:00:00Z"), QUIET, "Mars/Olympus")).toEqual(
      at("2026-06-02T08:00:00Z")
    )
  })

  it("handles quiet hours within one day, and none at all", () => {
    const lunch = { start: "12:00", end: "13:00" }
    expect(releaseTime(at("2026-06-01T12:30:00Z"), lunch, "UTC")).toEqual(
      at("2026-06-01T13:00:00Z")
    )
    expect(releaseTime(at("2026-06-01T23:00:00Z"), null, "UTC")).toEqual(
      at("2026-06-01T23:00:00Z")
    )
  })

  it("refuses a malformed time of day", () => {
    expect(() => releaseTime(at("2026-06-01T22:00:00Z"), { start: "9pm", end: "08:00" }, "UTC")).toThrow(
      RangeError
    )
  })
})

describe("checkGuardrails", () => {
  const now = at("2026-06-01T10:00:00Z")
  const subscribed = { consent_status: "subscribed" as const, suppressed_at: null, timezone: "UTC" }

  it("sends marketing to a subscribed contact under the cap outside quiet hours", () => {
    expect(checkGuardrails({ contact: subscribed, transactional: false, sentInWindow: 0, now })).toEqual({
      action: "send",
    })
  })

  it("skips marketing without consent or over the frequency cap", () => {
    for (const consent_status of ["unsubscribed", "pending", "never"] as const) {
      expect(
        checkGuardrails({ contact: { ...subscribed, consent_status }, transactional: false, sentInWindow: 0, now })
      ).toEqual({ action: "skip", reason: "no_consent" })
    }
    expect(checkGuardrails({ contact: subscribed, transactional: false, sentInWindow: 1, now })).toEqual({
      action: "skip",
      reason: "frequency_cap",
    })
  })

  it("makes marketing wait through quiet hours", () => {
    const late = at("2026-06-01T22:00:00Z")
    expect(checkGuardrails({ contact: subscribed, transactional: false, sentInWindow: 0, now: late })).toEqual({
      action: "wait",
      until: at("2026-06-02T08:00:00Z"),
      reason: "quiet_hours",
    })
  })

  it("lets transactional email skip consent, caps and quiet hours, but never suppression", () => {
    const never = { ...subscribed, consent_status: "never" as const }
    expect(
      checkGuardrails({ contact: never, transactional: true, sentInWindow: 9, now: at("2026-06-01T23:00:00Z") })
    ).toEqual({ action: "send" })
    expect(
      checkGuardrails({ contact: { ...subscribed, suppressed_at: now }, transactional: true, sentInWindow: 0, now })
    ).toEqual({ action: "suppress", reason: "suppressed" })
  })

  it("has the documented defaults", () => {
    expect(DEFAULT_GUARDRAILS).toEqual({
      frequencyCap: 1,
      frequencyWindowHours: 16,
      quietHours: { start: "21:00", end: "08:00" },
    })
  })
})

describe("nextRetry", () => {
  const now = at("2026-06-01T10:00:00Z")
  const policy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 5000 }

  it("backs off exponentially within jitter bounds, capped", () => {
    const delay = (attempt: number, r: number) => {
      const d = nextRetry(attempt, now, policy, () => r)
      return d.retry ? d.at.getTime() - now.getTime() : -1
    }
    expect([delay(1, 1), delay(2, 1), delay(3, 1)]).toEqual([1000, 2000, 4000])
    expect([delay(1, 0), delay(3, 0)]).toEqual([100, 400])
    expect(nextRetry(3, now, { ...policy, maxAttempts: 10 }, () => 1)).toEqual({
      retry: true,
      at: new Date(now.getTime() + 4000),
    })
    expect(nextRetry(5, now, { ...policy, maxAttempts: 10 }, () => 1)).toEqual({
      retry: true,
      at: new Date(now.getTime() + 5000),
    })
  })

  it("gives up after the last attempt with the reason", () => {
    expect(nextRetry(4, now, policy)).toEqual({ retry: false, reason: "gave up after 4 attempts" })
  })
})

describe("TokenBucket", () => {
  it("allows a burst, then paces to the rate", () => {
    const bucket = new TokenBucket(10, 3, 0)
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([0, 0, 0])
    expect(bucket.take(0)).toEqual(100)
    expect(bucket.take(100)).toEqual(0)
    expect(bucket.take(150)).toEqual(50)
  })

  it("never stores more than the burst", () => {
    const bucket = new TokenBucket(10, 2, 0)
    expect([bucket.take(60_000), bucket.take(60_000), bucket.take(60_000)]).toEqual([0, 0, 100])
  })

  it("refuses a zero rate", () => {
    expect(() => new TokenBucket(0, 1, 0)).toThrow(RangeError)
  })
})

describe("describeGuardrailReason", () => {
  it("puts each recorded guardrail reason in words and leaves anything else alone", () => {
    expect(describeGuardrailReason("no_consent")).toBe("the contact has not subscribed to marketing email")
    expect(describeGuardrailReason("quiet_hours")).toContain("quiet hours")
    // A provider's error, or a property every object has, is not a guardrail's reason.
    expect(describeGuardrailReason("smtp: 550 mailbox unavailable")).toBeNull()
    expect(describeGuardrailReason("constructor")).toBeNull()
    expect(describeGuardrailReason(null)).toBeNull()
  })
})
