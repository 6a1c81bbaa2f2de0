import { createHmac, randomBytes } from "node:crypto"
import { parse } from "../resend"
import { AdapterResult, NormalizedEmailEvent, WebhookPayloadError, WebhookSignatureError } from "../types"
import { fixture, keysOf, request } from "./helpers"

const KEY = randomBytes(24)
const SECRET = `whsec_${KEY.toString("base64")}`
const NOW = new Date("2026-03-02T10:16:32Z")
const TIMESTAMP = String(Math.floor(NOW.getTime() / 1000))

function events(result: AdapterResult): NormalizedEmailEvent[] {
  if (result.kind !== "events") {
    throw new Error(`expected events, got ${result.kind}`)
  }
  return result.events
}

function svixSignature(id: string, timestamp: string, rawBody: string, key = KEY): string {
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${rawBody}`).digest("base64")}`
}

function svixHeaders(rawBody: string, id = "msg_2Ka0Fj2yRbC3hDq0xS6lVw8Pz1T", timestamp = TIMESTAMP) {
  return { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": svixSignature(id, timestamp, rawBody) }
}

const parseFixture = (name: string, headers: Record<string, string> = {}) =>
  events(parse(request(fixture(name), headers), NOW))
const edited = (name: string, change: (body: any) => void) => {
  const body = JSON.parse(fixture(name))
  change(body)
  return JSON.stringify(body)
}

describe("Resend webhook adapter", () => {
  it("reads a permanent bounce as hard and keys it by the Svix message id and recipient", () => {
    const body = fixture("resend-bounced.json")
    expect(events(parse(request(body, svixHeaders(body)), NOW))).toEqual([
      {
        type: "bounced",
        bounce: "hard",
        email: "gone@example.org",
        message_id: "mkt_msg_01JNB4Q5TA0000000000000001",
        provider_message_id: "56761188-7520-42d8-8898-ff6fc54ce618",
        occurred_at: new Date("2026-03-02T10:16:31.126Z"),
        reason:
          "The recipient's email address is on the suppression list because it has a recent history of producing hard bounces.",
        idempotency_key: "resend:msg_2Ka0Fj2yRbC3hDq0xS6lVw8Pz1T:gone@example.org",
      },
    ])
  })

  it("reads transient bounces as soft", () => {
    expect(parseFixture("resend-soft-bounced.json")[0]).toMatchObject({
      type: "bounced",
      bounce: "soft",
      email: "full@example.net",
      message_id: null,
      reason: "The recipient's mailbox is full.",
    })
  })

  it("reads deliveries, delays, opens, clicks and complaints", () => {
    expect(parseFixture("resend-delivered.json")[0]).toMatchObject({
      type: "delivered",
      email: "ana.lima@example.com",
      message_id: "mkt_msg_01JNB4Q5T9XK2V8M3R6W7Y0ZCD",
      occurred_at: new Date("2026-03-02T10:15:02.126Z"),
    })
    expect(parseFixture("resend-delivery-delayed.json")[0]).toMatchObject({
      type: "deferred",
      email: "slow@example.net",
    })
    expect(parseFixture("resend-opened.json")[0]).toMatchObject({ type: "opened", email: "ana.lima@example.com" })
    // The click fixture sends its tags in the API's [{ name, value }] form.
    expect(parseFixture("resend-clicked.json")[0]).toMatchObject({
      type: "clicked",
      url: "https://shop.example.com/products/linen-shirt?utm_source=email",
      message_id: "mkt_msg_01JNB4Q5T9XK2V8M3R6W7Y0ZCD",
      occurred_at: new Date("2026-03-02T10:41:03.532Z"),
    })
    expect(parseFixture("resend-complained.json")[0]).toMatchObject({
      type: "complained",
      email: "angry@example.com",
      message_id: "mkt_msg_01JNB4Q5TB0000000000000002",
    })
  })

  it("skips email.sent and event types it does not know", () => {
    expect(parseFixture("resend-sent.json")).toEqual([])
    const contactEvent = edited("resend-delivered.json", (b) => (b.type = "contact.created"))
    expect(events(parse(request(contactEvent), NOW))).toEqual([])
  })

  it("gives stable keys across redeliveries and distinct keys across events, with or without svix-id", () => {
    const names = [
      "resend-bounced.json",
      "resend-soft-bounced.json",
      "resend-delivered.json",
      "resend-delivery-delayed.json",
      "resend-opened.json",
      "resend-clicked.json",
      "resend-complained.json",
    ]
    const unsigned = names.flatMap((name) => keysOf(parseFixture(name)))
    expect(names.flatMap((name) => keysOf(parseFixture(name)))).toEqual(unsigned)
    expect(new Set(unsigned).size).toEqual(names.length)

    const signed = names.flatMap((name, index) => keysOf(parseFixture(name, { "svix-id": `msg_${index}` })))
    expect(new Set(signed).size).toEqual(names.length)
  })

  it("emits one event per recipient", () => {
    const raw = edited("resend-delivered.json", (b) => (b.data.to = ["One@Example.com", "two@example.com"]))
    expect(events(parse(request(raw), NOW)).map((e) => e.email)).toEqual(["one@example.com", "two@example.com"])
  })

  describe("Svix signature", () => {
    const body = fixture("resend-bounced.json")

    it("accepts a body signed with the endpoint secret", () => {
      expect(events(parse(request(body, svixHeaders(body), SECRET), NOW))).toHaveLength(1)
    })

    it("accepts any one valid signature among several, as sent while a secret is rotated", () => {
      const headers = svixHeaders(body)
      const oldSignature = `v1,${Buffer.from("old secret's signature").toString("base64")}`
      const rotated = { ...headers, "svix-signature": `${oldSignature} ${headers["svix-signature"]}` }
      expect(events(parse(request(body, rotated, SECRET), NOW))).toHaveLength(1)
    })

    it("refuses a changed body, another secret or a missing header", () => {
      const headers = svixHeaders(body)
      const otherSecret = `whsec_${randomBytes(24).toString("base64")}`
      const tampered = body.replace("Permanent", "Transient")

      expect(() => parse(request(tampered, headers, SECRET), NOW)).toThrow(WebhookSignatureError)
      expect(() => parse(request(body, headers, otherSecret), NOW)).toThrow(WebhookSignatureError)
      for (const missing of ["svix-id", "svix-timestamp", "svix-signature"] as const) {
        expect(() => parse(request(body, { ...headers, [missing]: undefined }, SECRET), NOW)).toThrow(
          WebhookSignatureError
        )
      }
    })

    it("refuses a correctly signed request more than five minutes old or ahead", () => {
      const stale = svixHeaders(body, "msg_stale", String(Number(TIMESTAMP) - 301))
      const early = svixHeaders(body, "msg_early", String(Number(TIMESTAMP) + 301))
      const recent = svixHeaders(body, "msg_recent", String(Number(TIMESTAMP) - 299))

      expect(() => parse(request(body, stale, SECRET), NOW)).toThrow(/5 minutes/)
      expect(() => parse(request(body, early, SECRET), NOW)).toThrow(WebhookSignatureError)
      expect(events(parse(request(body, recent, SECRET), NOW))).toHaveLength(1)
    })

    it("refuses a timestamp that is not a Unix time", () => {
      const headers = svixHeaders(body, "msg_1", "2026-03-02T10:16:32Z")
      expect(() => parse(request(body, headers, SECRET), NOW)).toThrow(WebhookSignatureError)
    })
  })

  describe("malformed bodies", () => {
    it.each([
      ["text that is not JSON", "nope", "body is not valid JSON"],
      ["an event without type", edited("resend-delivered.json", (b) => delete b.type), "type"],
      ["an event without data", edited("resend-delivered.json", (b) => delete b.data), "data must be an object"],
      ["an event without recipients", edited("resend-delivered.json", (b) => delete b.data.to), "data.to"],
      ["a recipient that is not an address", edited("resend-delivered.json", (b) => (b.data.to = ["x"])), "data.to[0]"],
      ["a bounce without details", edited("resend-bounced.json", (b) => delete b.data.bounce), "data.bounce"],
      ["a click without details", edited("resend-clicked.json", (b) => delete b.data.click), "data.click"],
      ["an unreadable created_at", edited("resend-opened.json", (b) => (b.created_at = "soon")), "created_at"],
    ])("rejects %s, naming the field", (_label, raw, message) => {
      expect(() => parse(request(raw), NOW)).toThrow(WebhookPayloadError)
      expect(() => parse(request(raw), NOW)).toThrow(message)
    })
  })
})
