import { createHmac } from "node:crypto"
import {
  eventsResult,
  hashedKey,
  optionalString,
  parseJsonBody,
  providerKey,
  requireArray,
  requireDate,
  requireEmail,
  requireRecord,
  safeEqual,
  toReason,
} from "./shared"
import {
  AdapterResult,
  EMAIL_EVENT_TYPES,
  EmailEventType,
  NormalizedEmailEvent,
  WebhookPayloadError,
  WebhookRequest,
  WebhookSignatureError,
} from "./types"

/**
 * The plugin's own format, for providers without an adapter: relay their
 * events as `{ "events": [...] }` and sign the exact body.
 */
export const GENERIC_SIGNATURE_HEADER = "x-marketing-signature"

const EVENT_FIELDS = new Set([
  "type",
  "bounce",
  "email",
  "message_id",
  "provider_message_id",
  "occurred_at",
  "reason",
  "url",
  "id",
])

/**
 * The value of the `x-marketing-signature` header for a body.
 *
 * @example
 * fetch(url, { method: "POST", body, headers: { "x-marketing-signature": signGenericBody(secret, body) } })
 */
export function signGenericBody(secret: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`
}

export function parse(request: WebhookRequest, now: Date = new Date()): AdapterResult {
  if (request.secret) {
    const signature = request.headers[GENERIC_SIGNATURE_HEADER]
    if (!signature) {
      throw new WebhookSignatureError(`missing ${GENERIC_SIGNATURE_HEADER} header`)
    }
    if (!safeEqual(signature.trim(), signGenericBody(request.secret, request.rawBody))) {
      throw new WebhookSignatureError(`${GENERIC_SIGNATURE_HEADER} does not match the body`)
    }
  }

  const body = requireRecord(parseJsonBody(request.rawBody), "body")
  rejectUnknownFields(body, new Set(["events"]), "body")
  const events: NormalizedEmailEvent[] = []
  requireArray(body.events, "events").forEach((raw, index) => {
    const event = parseEvent(raw, `events[${index}]`, now)
    if (event) {
      events.push(event)
    }
  })
  return eventsResult(events)
}

function parseEvent(raw: unknown, path: string, now: Date): NormalizedEmailEvent | null {
  const input = requireRecord(raw, path)
  rejectUnknownFields(input, EVENT_FIELDS, path)
  if (typeof input.type !== "string") {
    throw new WebhookPayloadError(`${path}.type must be a string`)
  }
  // A type added to the format later must not make older plugin versions reject whole batches.
  if (!(EMAIL_EVENT_TYPES as readonly string[]).includes(input.type)) {
    return null
  }
  const type = input.type as EmailEventType

  let bounce: "hard" | "soft" | undefined
  if (type === "bounced") {
    if (input.bounce !== "hard" && input.bounce !== "soft") {
      throw new WebhookPayloadError(`${path}.bounce must be "hard" or "soft" for a bounced event`)
    }
    bounce = input.bounce
  } else if (input.bounce !== undefined) {
    throw new WebhookPayloadError(`${path}.bounce is only allowed on bounced events`)
  }

  const email = requireEmail(input.email, `${path}.email`)
  const messageId = optionalString(input.message_id, `${path}.message_id`)
  const providerMessageId = optionalString(input.provider_message_id, `${path}.provider_message_id`)
  const occurredAt =
    input.occurred_at === undefined ? now : requireDate(input.occurred_at, `${path}.occurred_at`)
  const reason = optionalString(input.reason, `${path}.reason`)
  const url = optionalString(input.url, `${path}.url`)
  const id = optionalString(input.id, `${path}.id`)

  return {
    type,
    ...(bounce ? { bounce } : {}),
    email,
    message_id: messageId,
    provider_message_id: providerMessageId,
    occurred_at: occurredAt,
    reason: toReason(reason),
    ...(type === "clicked" ? { url } : {}),
    // Hashes the fields as sent (not the defaulted time), so a resent event keeps its key.
    idempotency_key: id
      ? providerKey("generic", id)
      : hashedKey("generic", [
          type,
          bounce ?? null,
          email,
          messageId,
          providerMessageId,
          input.occurred_at ?? null,
          reason,
          url,
        ]),
  }
}

function rejectUnknownFields(input: Record<string, unknown>, allowed: Set<string>, path: string) {
  const unknown = Object.keys(input).find((key) => !allowed.has(key))
  if (unknown !== undefined) {
    throw new WebhookPayloadError(`${path}.${unknown} is not a known field`)
  }
}
