import { parse } from "../postmark"
import { AdapterResult, NormalizedEmailEvent, WebhookPayloadError, WebhookSignatureError } from "../types"
import { fixture, request } from "./helpers"

const SECRET = "postmark-hooks:s3cret-pa55"
const BASIC = `Basic ${Buffer.from(SECRET).toString("base64")}`

function events(result: AdapterResult): NormalizedEmailEvent[] {
  if (result.kind !== "events") {
    throw new Error(`expected events, got ${result.kind}`)
  }
  return result.events
}

const parseFixture = (name: string) => events(parse(request(fixture(name))))
const only = (name: string) => {
  const parsed = parseFixture(name)
  expect(parsed).toHaveLength(1)
  return parsed[0]
}
const edited = (name: string, change: Record<string, unknown>) =>
  JSON.stringify({ ...JSON.parse(fixture(name)), ...change })

describe("Postmark webhook adapter", () => {
  it("turns a hard bounce into a hard bounce with Postmark's details as the reason", () => {
    expect(only("postmark-bounce.json")).toEqual({
      type: "bounced",
      bounce: "hard",
      email: "gone@example.org",
      message_id: "mkt_msg_01JNB4Q5TA0000000000000001",
      provider_message_id: "883953f4-6105-42a2-a16a-77a8eac79483",
      occurred_at: new Date("2026-03-02T10:16:30.273Z"),
      reason: "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
      idempotency_key: expect.stringMatching(/^postmark:sha256:[0-9a-f]{64}$/),
    })
  })

  it("does not key bounces by an ID too large for JSON.parse to read exactly", () => {
    // Both IDs round to the same double; keyed by ID they would be stored as one bounce.
    const neighbour = fixture("postmark-bounce.json")
      .replace("4323372036854775807", "4323372036854775806")
      .replace("2026-03-02T05:16:30", "2026-03-02T05:17:30")
    expect(events(parse(request(neighbour)))[0].idempotency_key).not.toEqual(
      only("postmark-bounce.json").idempotency_key
    )
  })

  it("counts DNS errors and other transient failures as soft bounces, keyed by the bounce ID", () => {
    expect(only("postmark-soft-bounce.json")).toMatchObject({
      type: "bounced",
      bounce: "soft",
      email: "someone@unreachable.example",
      message_id: null,
      reason: "A temporary DNS error.",
      idempotency_key: "postmark:bounce:3081612376",
    })
    for (const Type of ["SoftBounce", "Transient", "Blocked"]) {
      const [event] = events(parse(request(edited("postmark-soft-bounce.json", { Type }))))
      expect(event.bounce).toEqual("soft")
    }
  })

  it("reads spam complaints, whichever record type carries them", () => {
    expect(only("postmark-spam-complaint.json")).toMatchObject({
      type: "complained",
      email: "angry@example.com",
      message_id: "mkt_msg_01JNB4Q5TB0000000000000002",
      idempotency_key: "postmark:bounce:42",
    })
    const asBounce = edited("postmark-spam-complaint.json", { RecordType: "Bounce" })
    expect(events(parse(request(asBounce)))[0].type).toEqual("complained")
  })

  it("reads deliveries, opens and clicks", () => {
    expect(only("postmark-delivery.json")).toMatchObject({
      type: "delivered",
      email: "ana.lima@example.com",
      message_id: "mkt_msg_01JNB4Q5T9XK2V8M3R6W7Y0ZCD",
      provider_message_id: "883953f4-6105-42a2-a16a-77a8eac79483",
      occurred_at: new Date("2026-03-02T10:15:01Z"),
      reason: null,
    })
    expect(only("postmark-open.json")).toMatchObject({
      type: "opened",
      email: "ana.lima@example.com",
      occurred_at: new Date("2026-03-02T10:40:12.907Z"),
    })
    expect(only("postmark-click.json")).toMatchObject({
      type: "clicked",
      email: "ana.lima@example.com",
      url: "https://shop.example.com/products/linen-shirt?utm_source=email",
      occurred_at: new Date("2026-03-02T10:41:03Z"),
    })
  })

  it("treats a recipient's own suppression as an unsubscribe, and Postmark's as the bounce behind it", () => {
    expect(only("postmark-subscription-change.json")).toMatchObject({
      type: "unsubscribed",
      email: "later@example.com",
      reason: "ManualSuppression",
      occurred_at: new Date("2026-03-02T12:30:00Z"),
    })
    const afterBounce = edited("postmark-subscription-change.json", { SuppressionReason: "HardBounce" })
    expect(events(parse(request(afterBounce)))[0]).toMatchObject({ type: "bounced", bounce: "hard" })

    const reactivated = edited("postmark-subscription-change.json", { SuppressSending: false })
    expect(events(parse(request(reactivated)))).toEqual([])
  })

  it("skips bounce records that are not delivery failures and record types it does not know", () => {
    expect(parseFixture("postmark-auto-responder.json")).toEqual([])
    expect(events(parse(request(edited("postmark-delivery.json", { RecordType: "Inbound" }))))).toEqual([])
  })

  it("gives stable keys across redeliveries and distinct keys across events", () => {
    const names = [
      "postmark-bounce.json",
      "postmark-soft-bounce.json",
      "postmark-spam-complaint.json",
      "postmark-delivery.json",
      "postmark-open.json",
      "postmark-click.json",
      "postmark-subscription-change.json",
    ]
    const first = names.map((name) => only(name).idempotency_key)
    expect(names.map((name) => only(name).idempotency_key)).toEqual(first)
    expect(new Set(first).size).toEqual(first.length)

    const laterOpen = edited("postmark-open.json", { ReceivedAt: "2026-03-03T08:00:00Z" })
    const firstOpenKey = only("postmark-open.json").idempotency_key
    expect(events(parse(request(laterOpen)))[0].idempotency_key).not.toEqual(firstOpenKey)
  })

  describe("basic auth", () => {
    const body = fixture("postmark-delivery.json")

    it("accepts the configured credentials", () => {
      expect(events(parse(request(body, { authorization: BASIC }, SECRET)))).toHaveLength(1)
      const lowerCaseScheme = { authorization: BASIC.replace("Basic", "basic") }
      expect(events(parse(request(body, lowerCaseScheme, SECRET)))).toHaveLength(1)
    })

    it("refuses missing or different credentials", () => {
      const wrong = `Basic ${Buffer.from("postmark-hooks:guess").toString("base64")}`
      for (const authorization of [undefined, "", wrong, `Bearer ${Buffer.from(SECRET).toString("base64")}`]) {
        expect(() => parse(request(body, { authorization }, SECRET))).toThrow(WebhookSignatureError)
      }
    })

    it("checks nothing when no credentials are configured", () => {
      expect(events(parse(request(body, { authorization: "Basic bm9wZQ==" })))).toHaveLength(1)
    })
  })

  describe("malformed bodies", () => {
    it.each([
      ["text that is not JSON", "{", "body is not valid JSON"],
      ["an array", "[]", "body must be an object"],
      ["a record without RecordType", edited("postmark-delivery.json", { RecordType: undefined }), "RecordType"],
      ["a delivery without Recipient", edited("postmark-delivery.json", { Recipient: undefined }), "Recipient"],
      ["a bounce without Type", edited("postmark-bounce.json", { Type: undefined }), "Type"],
      ["a bounce with a bad date", edited("postmark-bounce.json", { BouncedAt: "last week" }), "BouncedAt"],
      ["a click with a numeric link", edited("postmark-click.json", { OriginalLink: 1 }), "OriginalLink"],
    ])("rejects %s, naming the field", (_label, raw, message) => {
      expect(() => parse(request(raw))).toThrow(WebhookPayloadError)
      expect(() => parse(request(raw))).toThrow(message)
    })
  })
})
