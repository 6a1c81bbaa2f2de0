import { parse, signGenericBody } from "../generic"
import { AdapterResult, NormalizedEmailEvent, WebhookPayloadError, WebhookSignatureError } from "../types"
import { fixture, keysOf, request } from "./helpers"

const SECRET = "generic-test-secret"
const NOW = new Date("2026-03-02T13:00:00Z")
const body = fixture("generic-events.json")

function events(result: AdapterResult): NormalizedEmailEvent[] {
  if (result.kind !== "events") {
    throw new Error(`expected events, got ${result.kind}`)
  }
  return result.events
}

const parseBody = (rawBody: string) => events(parse(request(rawBody), NOW))
const withEvents = (...list: unknown[]) => JSON.stringify({ events: list })

describe("generic webhook adapter", () => {
  it("normalises every documented event and skips types it does not know", () => {
    const parsed = parseBody(body)

    expect(parsed.map((e) => [e.type, e.bounce, e.email])).toEqual([
      ["delivered", undefined, "ana.lima@example.com"],
      ["bounced", "hard", "gone@example.org"],
      ["bounced", "soft", "full@example.net"],
      ["clicked", undefined, "ana.lima@example.com"],
      ["complained", undefined, "angry@example.com"],
      ["unsubscribed", undefined, "later@example.com"],
    ])
    expect(parsed[0]).toEqual({
      type: "delivered",
      email: "ana.lima@example.com",
      message_id: "mkt_msg_01JNB4Q5T9XK2V8M3R6W7Y0ZCD",
      provider_message_id: "0102018e0a1b2c3d-4e5f",
      occurred_at: new Date("2026-03-02T10:15:00.000Z"),
      reason: null,
      idempotency_key: "generic:evt_2Jx8Qm4Lr0",
    })
    expect(parsed[1].reason).toEqual(
      "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown"
    )
    expect(parsed[2]).toMatchObject({ message_id: null, provider_message_id: null })
    expect(parsed[2].occurred_at).toEqual(new Date("2026-03-02T09:17:00Z"))
    expect(parsed[3].url).toEqual("https://shop.example.com/products/linen-shirt?utm_source=email")
  })

  it("gives the same keys to a redelivered body and a different key to every event", () => {
    const first = keysOf(parseBody(body))
    expect(keysOf(parseBody(body))).toEqual(first)
    expect(new Set(first).size).toEqual(first.length)
    expect(first.slice(1).every((key) => key.startsWith("generic:sha256:"))).toBe(true)
  })

  it("dates an event without occurred_at at receipt, and keeps its key stable anyway", () => {
    const raw = withEvents({ type: "opened", email: "ana@example.com" })
    const later = new Date(NOW.getTime() + 60_000)
    const [first] = events(parse(request(raw), NOW))
    const [second] = events(parse(request(raw), later))

    expect(first.occurred_at).toEqual(NOW)
    expect(second.occurred_at).toEqual(later)
    expect(second.idempotency_key).toEqual(first.idempotency_key)
  })

  it("cuts a long reason to 500 characters", () => {
    const raw = withEvents({ type: "deferred", email: "a@example.com", reason: `  ${"x".repeat(900)}  ` })
    expect(parseBody(raw)[0].reason).toEqual("x".repeat(500))
  })

  describe("signature", () => {
    const signed = (rawBody: string, signature?: string) =>
      request(rawBody, { "x-marketing-signature": signature }, SECRET)

    it("accepts a body signed with the configured secret", () => {
      const result = parse(signed(body, signGenericBody(SECRET, body)), NOW)
      expect(events(result)).toHaveLength(6)
      expect(signGenericBody(SECRET, body)).toMatch(/^sha256=[0-9a-f]{64}$/)
    })

    it("refuses a missing or wrong signature, and a body changed after signing", () => {
      expect(() => parse(signed(body), NOW)).toThrow(WebhookSignatureError)
      expect(() => parse(signed(body, signGenericBody("other", body)), NOW)).toThrow(WebhookSignatureError)
      expect(() => parse(signed(body, "sha256=00"), NOW)).toThrow(WebhookSignatureError)
      const tampered = body.replace("gone@example.org", "someone-else@example.org")
      expect(() => parse(signed(tampered, signGenericBody(SECRET, body)), NOW)).toThrow(
        WebhookSignatureError
      )
    })

    it("checks nothing when no secret is configured", () => {
      expect(events(parse(request(body, { "x-marketing-signature": "sha256=bogus" }), NOW))).toHaveLength(6)
    })
  })

  describe("malformed bodies", () => {
    it.each([
      ["not json", "body is not valid JSON"],
      ["[]", "body must be an object"],
      ['{"events": {}}', "events must be an array"],
      [JSON.stringify({ events: [], extra: 1 }), "body.extra is not a known field"],
      [withEvents({ type: "opened", email: "a@example.com" }, "x"), "events[1] must be an object"],
      [withEvents({ email: "a@example.com" }), "events[0].type must be a string"],
      [withEvents({ type: "opened" }), "events[0].email"],
      [withEvents({ type: "opened", email: "not-an-address" }), "events[0].email must be an email address"],
      [withEvents({ type: "bounced", email: "a@example.com" }), "events[0].bounce"],
      [withEvents({ type: "bounced", bounce: "permanent", email: "a@example.com" }), "events[0].bounce"],
      [withEvents({ type: "opened", bounce: "hard", email: "a@example.com" }), "events[0].bounce"],
      [withEvents({ type: "opened", email: "a@example.com", occurred_at: "yesterday" }), "events[0].occurred_at"],
      [withEvents({ type: "opened", email: "a@example.com", message_id: 7 }), "events[0].message_id"],
      [withEvents({ type: "opened", email: "a@example.com", colour: "red" }), "events[0].colour is not a known field"],
    ])("rejects %s naming the field", (raw, message) => {
      expect(() => parse(request(raw), NOW)).toThrow(WebhookPayloadError)
      expect(() => parse(request(raw), NOW)).toThrow(message)
    })
  })
})
