import { createSign, generateKeyPairSync } from "node:crypto"
import { createSesAdapter, SesAdapterOptions } from "../ses"
import { AdapterResult, NormalizedEmailEvent, WebhookPayloadError, WebhookSignatureError } from "../types"
import { fixture, keysOf, request } from "./helpers"

const CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem"
const TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-marketing-events"
const certificate = fixture("sns-test-cert.pem")
const privateKey = fixture("sns-test-key.pem")

type Envelope = Record<string, string | undefined>

// Written from AWS's description of the string to sign, independently of the adapter.
function stringToSign(envelope: Envelope): string {
  const fields =
    envelope.Type === "Notification"
      ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
      : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
  return fields
    .filter((field) => envelope[field] !== undefined)
    .map((field) => `${field}\n${envelope[field]}\n`)
    .join("")
}

function sign(envelope: Envelope, key = privateKey): string {
  const algorithm = envelope.SignatureVersion === "2" ? "RSA-SHA256" : "RSA-SHA1"
  const Signature = createSign(algorithm).update(stringToSign(envelope)).sign(key, "base64")
  return JSON.stringify({ ...envelope, Signature })
}

function envelopeOf(name: string): Envelope {
  return JSON.parse(fixture(name))
}

/** A fixture with its SES notification changed, then signed as SNS would. */
function withMessage(name: string, change: (message: any) => void): string {
  const envelope = envelopeOf(name)
  const message = JSON.parse(envelope.Message as string)
  change(message)
  return sign({ ...envelope, Message: JSON.stringify(message) })
}

function setup(options: Omit<SesAdapterOptions, "fetchCertificate"> = { allowedTopicArns: [TOPIC] }) {
  const fetchCertificate = jest.fn(async (url: string) => {
    if (url !== CERT_URL) {
      throw new Error(`unexpected certificate URL ${url}`)
    }
    return certificate
  })
  return { adapter: createSesAdapter({ ...options, fetchCertificate }), fetchCertificate }
}

async function eventsOf(rawBody: string): Promise<NormalizedEmailEvent[]> {
  const result: AdapterResult = await setup().adapter.parse(request(rawBody))
  if (result.kind !== "events") {
    throw new Error(`expected events, got ${result.kind}`)
  }
  return result.events
}

const signedFixture = (name: string) => sign(envelopeOf(name))

describe("Amazon SES (SNS) webhook adapter", () => {
  it("turns a permanent bounce into one hard bounce per bounced recipient", async () => {
    const events = await eventsOf(signedFixture("ses-bounce.json"))

    expect(events).toEqual([
      {
        type: "bounced",
        bounce: "hard",
        email: "gone@example.org",
        message_id: null,
        provider_message_id: "0100018e0a2e9b7c-3f8a1d2e-9c4b-4a5e-8f7d-6c5b4a392817-000000",
        occurred_at: new Date("2026-03-02T10:16:30.432Z"),
        reason: "smtp; 550 5.1.1 <Gone@Example.org>: Recipient address rejected: User unknown",
        idempotency_key: "ses:22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324:gone@example.org",
      },
      expect.objectContaining({
        type: "bounced",
        bounce: "hard",
        email: "nobody@example.org",
        idempotency_key: "ses:22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324:nobody@example.org",
      }),
    ])
  })

  it("treats transient and undetermined bounces as soft, and reads the message id from tags", async () => {
    const [transient] = await eventsOf(signedFixture("ses-soft-bounce.json"))
    expect(transient).toMatchObject({
      type: "bounced",
      bounce: "soft",
      email: "full@example.net",
      message_id: "mkt_msg_01JNB4Q5T9XK2V8M3R6W7Y0ZCD",
      reason: "smtp; 452 4.2.2 The email account that you tried to reach is over quota.",
    })

    const [undetermined] = await eventsOf(
      withMessage("ses-soft-bounce.json", (message) => {
        message.bounce.bounceType = "Undetermined"
        delete message.bounce.bouncedRecipients[0].diagnosticCode
      })
    )
    expect(undetermined).toMatchObject({ bounce: "soft", reason: "Undetermined: MailboxFull" })
  })

  it("reads complaints, deliveries, delays, opens and clicks", async () => {
    const [complaint] = await eventsOf(signedFixture("ses-complaint.json"))
    expect(complaint).toMatchObject({
      type: "complained",
      email: "angry@example.com",
      reason: "abuse",
      occurred_at: new Date("2026-03-02T12:00:00.000Z"),
    })

    const [delivery] = await eventsOf(signedFixture("ses-delivery.json"))
    expect(delivery).toMatchObject({
      type: "delivered",
      email: "ana.lima@example.com",
      provider_message_id: "0100018e0a2d1234-abcdef01-2345-6789-abcd-ef0123456789-000000",
      occurred_at: new Date("2026-03-02T10:15:01.870Z"),
    })

    const [delay] = await eventsOf(signedFixture("ses-delivery-delay.json"))
    expect(delay).toMatchObject({
      type: "deferred",
      email: "slow@example.net",
      reason: "smtp; 421 4.4.1 Unable to connect to remote host",
    })

    // The open fixture names its recipient as "Ana Lima <Ana.Lima@Example.com>".
    const [open] = await eventsOf(signedFixture("ses-open.json"))
    expect(open).toMatchObject({
      type: "opened",
      email: "ana.lima@example.com",
      message_id: "mkt_msg_01JNB4Q5T9XK2V8M3R6W7Y0ZCD",
      occurred_at: new Date("2026-03-02T10:40:12.000Z"),
    })

    const [click] = await eventsOf(signedFixture("ses-click.json"))
    expect(click).toMatchObject({
      type: "clicked",
      email: "ana.lima@example.com",
      url: "https://shop.example.com/products/linen-shirt?utm_source=email",
      occurred_at: new Date("2026-03-02T10:41:03.000Z"),
    })
  })

  it("gives stable keys across redeliveries and distinct keys across events", async () => {
    const names = ["ses-bounce.json", "ses-complaint.json", "ses-delivery.json", "ses-open.json", "ses-click.json"]
    const keysOfAll = async () => {
      const perFixture = await Promise.all(names.map(async (name) => eventsOf(signedFixture(name))))
      return keysOf(perFixture.flat())
    }
    const first = await keysOfAll()
    const again = await keysOfAll()

    expect(again).toEqual(first)
    expect(new Set(first).size).toEqual(first.length)
  })

  it("skips SES's plain-text setup notification and event kinds it does not track", async () => {
    expect(await eventsOf(signedFixture("ses-setup-notification.json"))).toEqual([])
    const renderingFailure = withMessage("ses-open.json", (message) => (message.eventType = "Rendering Failure"))
    expect(await eventsOf(renderingFailure)).toEqual([])
  })

  it("answers a signed subscription confirmation with the URL to confirm it", async () => {
    const result = await setup().adapter.parse(request(signedFixture("ses-subscription-confirmation.json")))
    expect(result).toEqual({
      kind: "subscription_confirmation",
      subscribeUrl: expect.stringMatching(/^https:\/\/sns\.us-east-1\.amazonaws\.com\/\?Action=ConfirmSubscription&/),
    })
  })

  it.each(["1", "2"])("verifies SignatureVersion %s", async (version) => {
    const body = sign({ ...envelopeOf("ses-delivery.json"), SignatureVersion: version })
    expect(await eventsOf(body)).toHaveLength(1)
  })

  describe("signature and origin", () => {
    it("refuses a message changed after signing", async () => {
      const envelope = JSON.parse(signedFixture("ses-bounce.json"))
      envelope.Message = envelope.Message.replace("Permanent", "Transient")
      await expect(eventsOf(JSON.stringify(envelope))).rejects.toThrow(WebhookSignatureError)
    })

    it("refuses a message signed with a key that does not belong to the certificate", async () => {
      const { privateKey: otherKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
      const otherPem = otherKey.export({ format: "pem", type: "pkcs8" }).toString()
      const body = sign(envelopeOf("ses-bounce.json"), otherPem)
      await expect(eventsOf(body)).rejects.toThrow(WebhookSignatureError)
    })

    it("refuses a SignatureVersion SNS does not use, and a missing signature", async () => {
      await expect(eventsOf(sign({ ...envelopeOf("ses-bounce.json"), SignatureVersion: "3" }))).rejects.toThrow(
        WebhookSignatureError
      )
      const unsigned = fixture("ses-bounce.json").replace(/"Signature": "[^"]*"/, '"Signature": ""')
      await expect(eventsOf(unsigned)).rejects.toThrow(WebhookSignatureError)
    })

    it.each([
      "https://evil.example.com/SimpleNotificationService-test.pem",
      "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem",
      "https://sns.us-east-1.amazonaws.com.evil.example.com/SimpleNotificationService-test.pem",
      "https://evil.example.com/sns.us-east-1.amazonaws.com/x.pem",
      "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.txt",
      "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem?n=1",
      "https://sns.us-east-1.amazonaws.com/other/SimpleNotificationService-test.pem",
      "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-test.pem",
      "https://user@sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem",
      "not a url",
    ])("refuses the certificate at %s without fetching it", async (SigningCertURL) => {
      const { adapter, fetchCertificate } = setup()
      const body = sign({ ...envelopeOf("ses-bounce.json"), SigningCertURL })

      await expect(adapter.parse(request(body))).rejects.toThrow(WebhookSignatureError)
      expect(fetchCertificate).not.toHaveBeenCalled()
    })

    it("accepts the certificate hosts of China regions", async () => {
      const url = "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-test.pem"
      const fetchCertificate = jest.fn(async () => certificate)
      const adapter = createSesAdapter({ allowedTopicArns: [TOPIC], fetchCertificate })
      const body = sign({ ...envelopeOf("ses-delivery.json"), SigningCertURL: url })
      const result = await adapter.parse(request(body))

      expect(result.kind).toEqual("events")
      expect(fetchCertificate).toHaveBeenCalledWith(url)
    })

    it("refuses every message, signed or not, while no topic is allowed", async () => {
      const none = setup({ allowedTopicArns: [] })
      await expect(none.adapter.parse(request(signedFixture("ses-bounce.json")))).rejects.toThrow(WebhookSignatureError)
      await expect(
        none.adapter.parse(request(signedFixture("ses-subscription-confirmation.json")))
      ).rejects.toThrow(/ses_topic_arns/)
      expect(none.fetchCertificate).not.toHaveBeenCalled()
    })

    it("refuses topics that are not allowed, and accepts the ones that are", async () => {
      const body = signedFixture("ses-delivery.json")

      const strict = setup({ allowedTopicArns: ["arn:aws:sns:us-east-1:123456789012:other-topic"] })
      await expect(strict.adapter.parse(request(body))).rejects.toThrow(WebhookSignatureError)
      expect(strict.fetchCertificate).not.toHaveBeenCalled()

      const allowing = setup({ allowedTopicArns: [TOPIC] })
      await expect(allowing.adapter.parse(request(body))).resolves.toMatchObject({ kind: "events" })
    })

    it("refuses a signed subscription confirmation whose SubscribeURL leaves SNS", async () => {
      const body = sign({
        ...envelopeOf("ses-subscription-confirmation.json"),
        SubscribeURL: "https://evil.example.com/?Action=ConfirmSubscription",
      })
      await expect(setup().adapter.parse(request(body))).rejects.toThrow(WebhookPayloadError)
    })
  })

  describe("default certificate fetcher", () => {
    afterEach(() => jest.restoreAllMocks())

    const respond = (status: number, text: string) =>
      ({ ok: status < 300, status, text: async () => text }) as Response

    it("downloads each certificate once, without following redirects", async () => {
      const SigningCertURL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-cached.pem"
      const fetchSpy = jest.spyOn(global, "fetch").mockResolvedValue(respond(200, certificate))
      const adapter = createSesAdapter({ allowedTopicArns: [TOPIC] })
      const body = sign({ ...envelopeOf("ses-delivery.json"), SigningCertURL })

      await adapter.parse(request(body))
      await adapter.parse(request(body))

      expect(fetchSpy).toHaveBeenCalledTimes(1)
      expect(fetchSpy).toHaveBeenCalledWith(SigningCertURL, expect.objectContaining({ redirect: "error" }))
    })

    it("tries again after a failed download instead of caching the failure", async () => {
      const SigningCertURL = "https://sns.eu-west-2.amazonaws.com/SimpleNotificationService-flaky.pem"
      const fetchSpy = jest
        .spyOn(global, "fetch")
        .mockResolvedValueOnce(respond(503, "unavailable"))
        .mockResolvedValueOnce(respond(200, certificate))
      const adapter = createSesAdapter({ allowedTopicArns: [TOPIC] })
      const body = sign({ ...envelopeOf("ses-delivery.json"), SigningCertURL })

      await expect(adapter.parse(request(body))).rejects.toThrow(/HTTP 503/)
      await expect(adapter.parse(request(body))).resolves.toMatchObject({ kind: "events" })
      expect(fetchSpy).toHaveBeenCalledTimes(2)
    })
  })

  describe("malformed bodies", () => {
    it.each([
      ["text that is not JSON", "not json", "body is not valid JSON"],
      ["a JSON string", '"a string"', "body must be an object"],
      ["an unknown Type", JSON.stringify({ ...envelopeOf("ses-bounce.json"), Type: "Surprise" }), 'Type "Surprise"'],
      ["a message without MessageId", JSON.stringify({ ...envelopeOf("ses-bounce.json"), MessageId: undefined }), "MessageId"],
      [
        "a confirmation without Token",
        JSON.stringify({ ...envelopeOf("ses-subscription-confirmation.json"), Token: undefined }),
        "Token",
      ],
    ])("rejects %s, naming the field", async (_label, raw, message) => {
      await expect(setup().adapter.parse(request(raw))).rejects.toThrow(WebhookPayloadError)
      await expect(setup().adapter.parse(request(raw))).rejects.toThrow(message)
    })

    it("names the missing field inside the SES notification", async () => {
      const noRecipients = withMessage("ses-bounce.json", (message) => delete message.bounce.bouncedRecipients)
      await expect(eventsOf(noRecipients)).rejects.toThrow("Message.bounce.bouncedRecipients must be an array")

      const badAddress = withMessage("ses-complaint.json", (message) => {
        message.complaint.complainedRecipients[0].emailAddress = 42
      })
      await expect(eventsOf(badAddress)).rejects.toThrow("Message.complaint.complainedRecipients[0].emailAddress")

      const noMail = withMessage("ses-delivery.json", (message) => delete message.mail)
      await expect(eventsOf(noMail)).rejects.toThrow(WebhookPayloadError)
      await expect(eventsOf(noMail)).rejects.toThrow("Message.mail must be an object")
    })
  })
})
