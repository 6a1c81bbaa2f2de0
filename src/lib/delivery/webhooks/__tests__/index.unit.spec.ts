import { createSign } from "node:crypto"
import { getWebhookAdapter, signGenericBody, WEBHOOK_PROVIDERS, WebhookPayloadError } from ".."
import { fixture, request } from "./helpers"

describe("getWebhookAdapter", () => {
  it("has an adapter for every provider the route accepts", () => {
    expect(WEBHOOK_PROVIDERS).toEqual(["generic", "sendgrid", "ses", "postmark", "resend"])
    for (const provider of WEBHOOK_PROVIDERS) {
      expect(typeof getWebhookAdapter(provider)?.parse).toEqual("function")
    }
  })

  it("returns null for names it does not know, including ones inherited from Object", () => {
    for (const provider of ["mailgun", "SendGrid", "", "constructor", "__proto__", "toString"]) {
      expect(getWebhookAdapter(provider)).toBeNull()
    }
  })

  it("routes each body to its provider's parser", async () => {
    const generic = fixture("generic-events.json")
    const signed = { "x-marketing-signature": signGenericBody("s", generic) }
    const relayed = await getWebhookAdapter("generic")!.parse(request(generic, signed, "s"))
    expect(relayed.kind === "events" && relayed.events).toHaveLength(6)

    const sendgrid = await getWebhookAdapter("sendgrid")!.parse(request(fixture("sendgrid-events.json")))
    expect(sendgrid.kind === "events" && sendgrid.events).toHaveLength(9)

    const postmark = await getWebhookAdapter("postmark")!.parse(request(fixture("postmark-delivery.json")))
    expect(postmark.kind === "events" && postmark.events[0].type).toEqual("delivered")

    const resend = await getWebhookAdapter("resend")!.parse(request(fixture("resend-opened.json")))
    expect(resend.kind === "events" && resend.events[0].type).toEqual("opened")

    // A body meant for another provider fails validation rather than being misread.
    expect(() => getWebhookAdapter("postmark")!.parse(request(fixture("sendgrid-events.json")))).toThrow(
      WebhookPayloadError
    )
  })

  it("passes SES options through to the adapter it builds", async () => {
    const envelope = JSON.parse(fixture("ses-delivery.json"))
    const Signature = createSign("RSA-SHA1")
      .update(
        ["Message", "MessageId", "Timestamp", "TopicArn", "Type"].map((key) => `${key}\n${envelope[key]}\n`).join("")
      )
      .sign(fixture("sns-test-key.pem"), "base64")
    const fetchCertificate = jest.fn(async () => fixture("sns-test-cert.pem"))
    const signed = request(JSON.stringify({ ...envelope, Signature }))
    await expect(getWebhookAdapter("ses")!.parse(signed)).rejects.toThrow(/ses_topic_arns/)

    const adapter = getWebhookAdapter("ses", { ses: { allowedTopicArns: [envelope.TopicArn], fetchCertificate } })!
    const result = await adapter.parse(signed)

    expect(fetchCertificate).toHaveBeenCalledWith(envelope.SigningCertURL)
    expect(result.kind === "events" && result.events[0].type).toEqual("delivered")
  })
})
