import { createSign, generateKeyPairSync, KeyObject } from "node:crypto"
import { parse } from "../sendgrid"
import { AdapterResult, NormalizedEmailEvent, WebhookPayloadError, WebhookSignatureError } from "../types"
import { fixture, keysOf, request } from "./helpers"

const body = fixture("sendgrid-events.json")
const AT = (seconds: number) => new Date(seconds * 1000)

function events(result: AdapterResult): NormalizedEmailEvent[] {
  if (result.kind !== "events") {
    throw new Error(`expected events, got ${result.kind}`)
  }
  return result.events
}

// SendGrid shows the verification key as base64 DER (SPKI) without PEM armour.
function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" })
  return { secret: publicKey.export({ format: "der", type: "spki" }).toString("base64"), publicKey, privateKey }
}

function signedRequest(rawBody: string, privateKey: KeyObject, secret: string, timestamp = "1772445600") {
  const signature = createSign("sha256").update(timestamp + rawBody).sign(privateKey, "base64")
  return request(
    rawBody,
    {
      "x-twilio-email-event-webhook-signature": signature,
      "x-twilio-email-event-webhook-timestamp": timestamp,
    },
    secret
  )
}

describe("SendGrid webhook adapter", () => {
  it("normalises the event batch and skips processed, dropped and resubscribe events", () => {
    const parsed = events(parse(request(body)))

    expect(parsed.map((e) => [e.type, e.bounce, e.email])).toEqual([
      ["deferred", undefined, "example@test.com"],
      ["delivered", undefined, "example@test.com"],
      ["opened", undefined, "example@test.com"],
      ["clicked", undefined, "example@test.com"],
      ["bounced", "hard", "gone@example.org"],
      ["bounced", "soft", "blocked@example.net"],
      ["complained", undefined, "angry@example.com"],
      ["unsubscribed", undefined, "later@example.com"],
      ["unsubscribed", undefined, "group@example.com"],
    ])
  })

  it("reads ids, times, reasons and links from SendGrid's fields", () => {
    const [deferred, delivered, , clicked, hard, soft] = events(parse(request(body)))

    expect(delivered).toEqual({
      type: "delivered",
      email: "example@test.com",
      message_id: "mkt_msg_01JNB4Q5T9XK2V8M3R6W7Y0ZCD",
      provider_message_id: "LRzXl66EQHmuN8m0Bra5bA",
      occurred_at: AT(1513299570),
      reason: null,
      idempotency_key: "sendgrid:hqFbp3HH9WxIM0R2-x2M1Q==",
    })
    expect(deferred.reason).toEqual("400 try again later")
    expect(clicked.url).toEqual("https://shop.example.com/collections/spring")
    expect(hard).toMatchObject({
      reason: "500 unknown recipient",
      message_id: "mkt_msg_01JNB4Q5TA0000000000000001",
      provider_message_id: "x7Uk2n0vTyqS1QF9uLrB2w",
      occurred_at: AT(1513299569),
    })
    expect(soft).toMatchObject({ message_id: null, reason: expect.stringContaining("Spamhaus") })
  })

  it("keys events by sg_event_id, stable across redeliveries and distinct per event", () => {
    const first = keysOf(events(parse(request(body))))
    expect(keysOf(events(parse(request(body))))).toEqual(first)
    expect(new Set(first).size).toEqual(first.length)
  })

  it("hashes stable fields for an event without sg_event_id", () => {
    const raw = JSON.stringify([
      { event: "open", email: "a@example.com", timestamp: 1513299600 },
      { event: "open", email: "a@example.com", timestamp: 1513299700 },
    ])
    const [first, second] = keysOf(events(parse(request(raw))))
    expect(first).toMatch(/^sendgrid:sha256:[0-9a-f]{64}$/)
    expect(keysOf(events(parse(request(raw))))[0]).toEqual(first)
    expect(second).not.toEqual(first)
  })

  it("skips event types it does not know", () => {
    const raw = JSON.stringify([{ event: "machine_learning_insight", email: "a@example.com", timestamp: 1 }])
    expect(events(parse(request(raw)))).toEqual([])
  })

  describe("signed event webhook", () => {
    const { secret, privateKey } = keyPair()

    it("accepts a batch signed with the key SendGrid holds", () => {
      expect(events(parse(signedRequest(body, privateKey, secret)))).toHaveLength(9)
    })

    it("accepts the verification key in PEM form too", () => {
      const { publicKey, privateKey: key } = keyPair()
      const pem = publicKey.export({ format: "pem", type: "spki" }).toString()
      expect(events(parse(signedRequest(body, key, pem)))).toHaveLength(9)
    })

    it("refuses a changed body, a changed timestamp, another key or a garbage signature", () => {
      const valid = signedRequest(body, privateKey, secret)
      const tampered = { ...valid, rawBody: body.replace("Gone@Example.org", "kept@example.org") }
      const retimed = {
        ...valid,
        headers: { ...valid.headers, "x-twilio-email-event-webhook-timestamp": "1772445601" },
      }
      const otherKey = signedRequest(body, keyPair().privateKey, secret)
      const garbage = {
        ...valid,
        headers: { ...valid.headers, "x-twilio-email-event-webhook-signature": "bm90IGEgc2lnbmF0dXJl" },
      }

      for (const attempt of [tampered, retimed, otherKey, garbage]) {
        expect(() => parse(attempt)).toThrow(WebhookSignatureError)
      }
    })

    it("refuses an unsigned request when a key is configured", () => {
      expect(() => parse(request(body, {}, secret))).toThrow(WebhookSignatureError)
    })

    it("reports a key that is not a public key as a configuration error, not a bad request", () => {
      const attempt = signedRequest(body, privateKey, "bm90IGEga2V5")
      expect(() => parse(attempt)).toThrow(/verification key/)
      expect(() => parse(attempt)).not.toThrow(WebhookSignatureError)
    })
  })

  describe("malformed bodies", () => {
    it.each([
      ["{", "body is not valid JSON"],
      ['{"event": "open"}', "body must be an array"],
      ["[1]", "[0] must be an object"],
      [JSON.stringify([{ email: "a@example.com", timestamp: 1 }]), "[0].event must be a string"],
      [JSON.stringify([{ event: "delivered", timestamp: 1 }]), "[0].email"],
      [JSON.stringify([{ event: "delivered", email: "a@example.com", timestamp: "1" }]), "[0].timestamp"],
      [
        JSON.stringify([
          { event: "delivered", email: "a@example.com", timestamp: 1 },
          { event: "click", email: "a@example.com", timestamp: 1, url: 5 },
        ]),
        "[1].url",
      ],
    ])("rejects %s naming the field", (raw, message) => {
      expect(() => parse(request(raw))).toThrow(WebhookPayloadError)
      expect(() => parse(request(raw))).toThrow(message)
    })
  })
})
