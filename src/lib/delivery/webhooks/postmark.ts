import {
  eventsResult,
  echoedId,
  hashedKey,
  optionalString,
  parseJsonBody,
  providerKey,
  requireDate,
  requireEmail,
  requireRecord,
  requireString,
  safeEqual,
  toReason,
} from "./shared"
import { AdapterResult, NormalizedEmailEvent, WebhookRequest, WebhookSignatureError } from "./types"

type BounceOutcome = Pick<NormalizedEmailEvent, "type" | "bounce">

/*
 * Postmark files many non-bounces under "Bounce" (auto-responders, address
 * changes, challenge mails): only types about deliverability are kept.
 * BadEmailAddress is as final as a hard bounce; DMARC and blocks are the
 * sender's problem and may pass, so they only count toward the soft limit.
 */
const BOUNCE_TYPES = new Map<string, BounceOutcome>([
  ["HardBounce", { type: "bounced", bounce: "hard" }],
  ["BadEmailAddress", { type: "bounced", bounce: "hard" }],
  ["SoftBounce", { type: "bounced", bounce: "soft" }],
  ["Transient", { type: "bounced", bounce: "soft" }],
  ["DnsError", { type: "bounced", bounce: "soft" }],
  ["Blocked", { type: "bounced", bounce: "soft" }],
  ["DMARCPolicy", { type: "bounced", bounce: "soft" }],
  ["SpamNotification", { type: "bounced", bounce: "soft" }],
  ["Unknown", { type: "bounced", bounce: "soft" }],
  ["SpamComplaint", { type: "complained" }],
  ["Unsubscribe", { type: "unsubscribed" }],
])

/** Suppressions Postmark made itself report the bounce or complaint behind them, not an opt-out. */
const SUPPRESSION_REASONS = new Map<string, BounceOutcome>([
  ["HardBounce", { type: "bounced", bounce: "hard" }],
  ["SpamComplaint", { type: "complained" }],
])

/**
 * Postmark webhooks: one JSON object per event. Postmark does not sign its
 * requests; a configured secret ("user:password") is matched against the
 * HTTP basic auth credentials set in the webhook URL.
 */
export function parse(request: WebhookRequest): AdapterResult {
  if (request.secret) {
    verifyBasicAuth(request.headers.authorization, request.secret)
  }
  const body = requireRecord(parseJsonBody(request.rawBody), "body")
  const recordType = requireString(body.RecordType, "RecordType")
  const event = parseRecord(recordType, body)
  return eventsResult(event ? [event] : [])
}

function verifyBasicAuth(header: string | undefined, secret: string) {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? "")
  if (!match) {
    throw new WebhookSignatureError("missing basic auth credentials")
  }
  if (!safeEqual(match[1], Buffer.from(secret, "utf8").toString("base64"))) {
    throw new WebhookSignatureError("basic auth credentials do not match")
  }
}

function parseRecord(recordType: string, body: Record<string, unknown>): NormalizedEmailEvent | null {
  const common = {
    message_id: echoedId(body.Metadata),
    provider_message_id: optionalString(body.MessageID, "MessageID"),
  }
  // Only bounce records carry an event id; for the others the same fields mean the same event.
  const hashed = (email: string, at: unknown, ...more: unknown[]) =>
    hashedKey("postmark", [recordType, common.provider_message_id, email, at, ...more])

  switch (recordType) {
    case "Bounce":
    case "SpamComplaint": {
      const bounceType = recordType === "SpamComplaint" ? recordType : requireString(body.Type, "Type")
      const outcome = BOUNCE_TYPES.get(bounceType)
      if (!outcome) {
        return null
      }
      const email = requireEmail(body.Email, "Email")
      // Bounce ids are 64-bit; one beyond 2^53 was rounded by JSON.parse and could match a neighbour's.
      const id = Number.isSafeInteger(body.ID) ? String(body.ID) : null
      return {
        ...outcome,
        email,
        ...common,
        occurred_at: requireDate(body.BouncedAt, "BouncedAt"),
        reason: toReason(body.Details) ?? toReason(body.Description),
        idempotency_key: id
          ? providerKey("postmark", "bounce", id)
          : hashed(email, body.BouncedAt, bounceType),
      }
    }
    case "Delivery": {
      const email = requireEmail(body.Recipient, "Recipient")
      return {
        type: "delivered",
        email,
        ...common,
        occurred_at: requireDate(body.DeliveredAt, "DeliveredAt"),
        reason: null,
        idempotency_key: hashed(email, body.DeliveredAt),
      }
    }
    case "Open": {
      const email = requireEmail(body.Recipient, "Recipient")
      return {
        type: "opened",
        email,
        ...common,
        occurred_at: requireDate(body.ReceivedAt, "ReceivedAt"),
        reason: null,
        idempotency_key: hashed(email, body.ReceivedAt),
      }
    }
    case "Click": {
      const email = requireEmail(body.Recipient, "Recipient")
      const url = optionalString(body.OriginalLink, "OriginalLink")
      return {
        type: "clicked",
        email,
        ...common,
        occurred_at: requireDate(body.ReceivedAt, "ReceivedAt"),
        reason: null,
        url,
        idempotency_key: hashed(email, body.ReceivedAt, url),
      }
    }
    case "SubscriptionChange": {
      // Reactivation (SuppressSending false) is the store owner's decision in Postmark: nothing to record.
      if (body.SuppressSending !== true) {
        return null
      }
      const email = requireEmail(body.Recipient, "Recipient")
      const reason = optionalString(body.SuppressionReason, "SuppressionReason")
      return {
        ...(SUPPRESSION_REASONS.get(reason ?? "") ?? { type: "unsubscribed" }),
        email,
        ...common,
        occurred_at: requireDate(body.ChangedAt, "ChangedAt"),
        reason: toReason(reason),
        idempotency_key: hashed(email, body.ChangedAt, reason),
      }
    }
    default:
      return null
  }
}
