import { createHmac } from "node:crypto"
import {
  echoedId,
  eventsResult,
  hashedKey,
  isRecord,
  MARKETING_MESSAGE_ID,
  optionalString,
  parseJsonBody,
  providerKey,
  requireArray,
  requireDate,
  requireEmail,
  requireRecord,
  requireString,
  safeEqual,
  toReason,
} from "./shared"
import {
  AdapterResult,
  EmailEventType,
  NormalizedEmailEvent,
  WebhookRequest,
  WebhookSignatureError,
} from "./types"

/** How far a signed timestamp may be from now; beyond it a captured request could be replayed. */
export const SVIX_TOLERANCE_MS = 5 * 60_000

// email.sent, email.scheduled, email.failed and email.suppressed describe the send, not the recipient.
const EVENT_TYPES = new Map<string, EmailEventType>([
  ["email.delivered", "delivered"],
  ["email.delivery_delayed", "deferred"],
  ["email.bounced", "bounced"],
  ["email.complained", "complained"],
  ["email.opened", "opened"],
  ["email.clicked", "clicked"],
])

/**
 * Resend webhooks, delivered by Svix. With a secret (the endpoint's signing
 * secret, `whsec_…`) configured, the Svix signature must check out.
 */
export function parse(request: WebhookRequest, now: Date = new Date()): AdapterResult {
  if (request.secret) {
    verifySvixSignature(request, request.secret, now)
  }
  const body = requireRecord(parseJsonBody(request.rawBody), "body")
  const type = EVENT_TYPES.get(requireString(body.type, "type"))
  if (!type) {
    return eventsResult([])
  }
  const data = requireRecord(body.data, "data")
  const occurredAt = requireDate(body.created_at, "created_at")
  const providerMessageId = optionalString(data.email_id, "data.email_id")
  const messageId = taggedMessageId(data.tags)
  const bounce = type === "bounced" ? requireRecord(data.bounce, "data.bounce") : null
  const click = type === "clicked" ? requireRecord(data.click, "data.click") : null
  const url = click ? optionalString(click.link, "data.click.link") : null
  const svixId = request.headers["svix-id"]
  const recipients = typeof data.to === "string" ? [data.to] : requireArray(data.to, "data.to")

  // Resend reports per email, not per recipient; the plugin sends every email to one recipient.
  return eventsResult(
    recipients.map((recipient, index): NormalizedEmailEvent => {
      const email = requireEmail(recipient, `data.to[${index}]`)
      return {
        type,
        // Only "Permanent" is final; "Transient" and "Undetermined" may deliver on a later send.
        ...(bounce ? { bounce: bounce.type === "Permanent" ? "hard" : "soft" } : {}),
        email,
        message_id: messageId,
        provider_message_id: providerMessageId,
        occurred_at: occurredAt,
        reason: bounce ? toReason(bounce.message) : null,
        ...(type === "clicked" ? { url } : {}),
        idempotency_key: svixId
          ? providerKey("resend", svixId, email)
          : hashedKey("resend", [body.type, providerMessageId, email, body.created_at, url]),
      }
    })
  )
}

function verifySvixSignature({ rawBody, headers }: WebhookRequest, secret: string, now: Date) {
  const id = headers["svix-id"]
  const timestamp = headers["svix-timestamp"]
  const signatures = headers["svix-signature"]
  if (!id || !timestamp || !signatures) {
    throw new WebhookSignatureError("missing svix-id, svix-timestamp or svix-signature header")
  }
  const seconds = Number(timestamp)
  if (!Number.isInteger(seconds)) {
    throw new WebhookSignatureError("svix-timestamp is not a Unix time")
  }
  if (Math.abs(now.getTime() - seconds * 1000) > SVIX_TOLERANCE_MS) {
    throw new WebhookSignatureError("svix-timestamp is more than 5 minutes from now")
  }
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64")
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${rawBody}`).digest("base64")
  // Several signatures are sent while a secret is being rotated; any one of them will do.
  const matches = signatures.split(" ").some((entry) => {
    const [version, signature] = entry.split(",")
    return version === "v1" && !!signature && safeEqual(signature, expected)
  })
  if (!matches) {
    throw new WebhookSignatureError("svix-signature does not match the body")
  }
}

/** Resend sends tags as `{ name: value }`; the API's `[{ name, value }]` form is accepted too. */
function taggedMessageId(tags: unknown): string | null {
  if (Array.isArray(tags)) {
    const tag = tags.find((entry) => isRecord(entry) && entry.name === MARKETING_MESSAGE_ID)
    return isRecord(tag) && typeof tag.value === "string" ? tag.value : null
  }
  return echoedId(tags)
}
