import { createPublicKey, createVerify, KeyObject } from "node:crypto"
import {
  echoedId,
  eventsResult,
  hashedKey,
  optionalString,
  parseJsonBody,
  providerKey,
  requireArray,
  requireEmail,
  requireRecord,
  toReason,
} from "./shared"
import {
  AdapterResult,
  EmailEventType,
  NormalizedEmailEvent,
  WebhookPayloadError,
  WebhookRequest,
  WebhookSignatureError,
} from "./types"

export const SENDGRID_SIGNATURE_HEADER = "x-twilio-email-event-webhook-signature"
export const SENDGRID_TIMESTAMP_HEADER = "x-twilio-email-event-webhook-timestamp"

// processed, dropped and group_resubscribe are left out on purpose: they say nothing about the recipient.
const EVENT_TYPES = new Map<string, EmailEventType>([
  ["delivered", "delivered"],
  ["open", "opened"],
  ["click", "clicked"],
  ["bounce", "bounced"],
  ["deferred", "deferred"],
  ["spamreport", "complained"],
  ["unsubscribe", "unsubscribed"],
  ["group_unsubscribe", "unsubscribed"],
])

/**
 * SendGrid's Event Webhook: a JSON array of events. With a secret (the
 * Signed Event Webhook's verification key, as SendGrid shows it) configured,
 * the ECDSA signature over timestamp + body must check out.
 */
export function parse(request: WebhookRequest): AdapterResult {
  if (request.secret) {
    verifySignature(request)
  }
  const events: NormalizedEmailEvent[] = []
  requireArray(parseJsonBody(request.rawBody), "body").forEach((raw, index) => {
    const event = parseEvent(raw, `[${index}]`)
    if (event) {
      events.push(event)
    }
  })
  return eventsResult(events)
}

function verifySignature({ rawBody, headers, secret }: WebhookRequest) {
  const signature = headers[SENDGRID_SIGNATURE_HEADER]
  const timestamp = headers[SENDGRID_TIMESTAMP_HEADER]
  if (!signature || !timestamp) {
    throw new WebhookSignatureError(
      `missing ${SENDGRID_SIGNATURE_HEADER} or ${SENDGRID_TIMESTAMP_HEADER} header`
    )
  }
  let valid = false
  try {
    valid = createVerify("sha256")
      .update(timestamp + rawBody)
      .verify(verificationKey(secret as string), signature, "base64")
  } catch (error) {
    if (error instanceof VerificationKeyError) {
      throw error
    }
    // A signature that is not DER at all is just a wrong signature.
  }
  if (!valid) {
    throw new WebhookSignatureError(`${SENDGRID_SIGNATURE_HEADER} does not match the body`)
  }
}

/** A misconfigured key is the store owner's mistake, not the sender's: it must not read as a 401. */
class VerificationKeyError extends Error {}

function verificationKey(secret: string): KeyObject {
  try {
    return secret.includes("-----BEGIN")
      ? createPublicKey(secret)
      : createPublicKey({ key: Buffer.from(secret, "base64"), format: "der", type: "spki" })
  } catch {
    throw new VerificationKeyError(
      "the SendGrid verification key is not a base64 public key; " +
        "copy it from the Signed Event Webhook settings"
    )
  }
}

function parseEvent(raw: unknown, path: string): NormalizedEmailEvent | null {
  const input = requireRecord(raw, path)
  if (typeof input.event !== "string") {
    throw new WebhookPayloadError(`${path}.event must be a string`)
  }
  const type = EVENT_TYPES.get(input.event)
  if (!type) {
    return null
  }
  const email = requireEmail(input.email, `${path}.email`)
  if (typeof input.timestamp !== "number" || !Number.isFinite(input.timestamp)) {
    throw new WebhookPayloadError(`${path}.timestamp must be a Unix time in seconds`)
  }
  const sgMessageId = optionalString(input.sg_message_id, `${path}.sg_message_id`)
  const sgEventId = optionalString(input.sg_event_id, `${path}.sg_event_id`)
  const url = type === "clicked" ? optionalString(input.url, `${path}.url`) : null

  return {
    type,
    // "blocked" is a refusal for now (reputation, content), not a sign that the address is gone.
    ...(type === "bounced" ? { bounce: input.type === "blocked" ? "soft" : "hard" } : {}),
    email,
    // Custom args arrive as top-level keys of the event.
    message_id: echoedId(input),
    // sg_message_id is the X-Message-Id returned at send time plus a suffix naming the filter server.
    provider_message_id: sgMessageId ? sgMessageId.split(".")[0] : null,
    occurred_at: new Date(input.timestamp * 1000),
    reason: toReason(type === "deferred" ? input.response : input.reason),
    ...(type === "clicked" ? { url } : {}),
    idempotency_key: sgEventId
      ? providerKey("sendgrid", sgEventId)
      : hashedKey("sendgrid", [input.event, email, input.timestamp, sgMessageId, url]),
  }
}
