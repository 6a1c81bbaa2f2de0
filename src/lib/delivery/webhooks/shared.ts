import { createHash, timingSafeEqual } from "node:crypto"
import { normalizeEmail } from "../../contacts/email"
import { AdapterResult, NormalizedEmailEvent, WebhookPayloadError } from "./types"

/** The name under which providers echo back the plugin's message id (custom args, tags, metadata). */
export const MARKETING_MESSAGE_ID = "marketing_message_id"

const REASON_MAX_LENGTH = 500

export function eventsResult(events: NormalizedEmailEvent[]): AdapterResult {
  return { kind: "events", events }
}

export function parseJsonBody(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody)
  } catch {
    throw new WebhookPayloadError("body is not valid JSON")
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

export function requireRecord(value: unknown, field: string): Record<string, unknown> {
  if (!isRecord(value)) {
    throw new WebhookPayloadError(`${field} must be an object`)
  }
  return value
}

export function requireArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new WebhookPayloadError(`${field} must be an array`)
  }
  return value
}

export function requireString(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new WebhookPayloadError(`${field} must be a non-empty string`)
  }
  return value
}

/** Absent and null both mean "not given"; anything else must be a string. */
export function optionalString(value: unknown, field: string): string | null {
  if (value === undefined || value === null) {
    return null
  }
  if (typeof value !== "string") {
    throw new WebhookPayloadError(`${field} must be a string`)
  }
  return value === "" ? null : value
}

/*
 * Only what cannot be an address is refused: a batch rejected with 400 is
 * redelivered whole, so one odd recipient would hold back every event in it.
 */
export function requireEmail(value: unknown, field: string): string {
  const email = normalizeEmail(requireString(value, field))
  if (!email.includes("@")) {
    throw new WebhookPayloadError(`${field} must be an email address`)
  }
  return email
}

export function requireDate(value: unknown, field: string): Date {
  const date = typeof value === "string" ? new Date(value) : null
  if (!date || Number.isNaN(date.getTime())) {
    throw new WebhookPayloadError(`${field} must be an ISO 8601 date`)
  }
  return date
}

/** The plugin's own ids echoed back by a provider are read leniently: a stray value must not fail a batch. */
export function echoedId(source: unknown): string | null {
  const value = isRecord(source) ? source[MARKETING_MESSAGE_ID] : undefined
  return typeof value === "string" && value !== "" ? value : null
}

export function toReason(value: unknown): string | null {
  if (typeof value !== "string") {
    return null
  }
  const trimmed = value.trim()
  return trimmed === "" ? null : trimmed.slice(0, REASON_MAX_LENGTH)
}

/** A key from the provider's own event id, namespaced so two providers' ids never collide. */
export function providerKey(provider: string, ...ids: string[]): string {
  return [provider, ...ids].join(":")
}

/** A key for providers without event ids: the same fields always give the same key. */
export function hashedKey(provider: string, fields: unknown[]): string {
  const digest = createHash("sha256").update(JSON.stringify(fields)).digest("hex")
  return `${provider}:sha256:${digest}`
}

/*
 * Hashing both sides first makes the comparison constant-time whatever the
 * lengths; timingSafeEqual alone throws on unequal lengths, which would
 * reveal the expected length.
 */
export function safeEqual(actual: string, expected: string): boolean {
  const a = createHash("sha256").update(actual).digest()
  const b = createHash("sha256").update(expected).digest()
  return timingSafeEqual(a, b)
}
