import { createHmac, timingSafeEqual } from "node:crypto"

/**
 * What a tracking URL stands for. `m` is a message id, `c` a contact id,
 * `i` the index of a link in its message, `t` the issue time in epoch seconds.
 */
export type TrackingToken =
  | { k: "open"; m: string }
  | { k: "click"; m: string; i: number }
  | { k: "unsubscribe"; c: string; m?: string }
  | { k: "view"; m: string }
  | { k: "confirm"; c: string; t: number }

export type TrackingTokenKind = TrackingToken["k"]

export type TrackingTokenOf<K extends TrackingTokenKind> = Extract<TrackingToken, { k: K }>

// Every link in every email carries a token, so the encoded kind is one letter.
const CODE_BY_KIND: Record<TrackingTokenKind, string> = {
  open: "o",
  click: "c",
  unsubscribe: "u",
  view: "v",
  confirm: "d",
}

// A Map, not an object, so codes such as "__proto__" or "toString" find nothing.
const KIND_BY_CODE = new Map<unknown, TrackingTokenKind>(
  (Object.keys(CODE_BY_KIND) as TrackingTokenKind[]).map((kind) => [CODE_BY_KIND[kind], kind])
)

// Far longer than any token this module signs; refusing early keeps a hostile
// query string from costing a hash of megabytes.
const MAX_TOKEN_LENGTH = 1024

const BASE64URL = /^[A-Za-z0-9_-]+$/

// Confirm tokens are issued by one server and checked by another; their clocks may differ a little.
const CLOCK_SKEW_SECONDS = 60

/**
 * A compact, URL-safe token: base64url(JSON payload) "." base64url(HMAC-SHA256).
 * Throws on an empty secret or a payload `verifyToken` would refuse, since
 * either is a bug in the caller, not bad input from a recipient.
 */
export function signToken(payload: TrackingToken, secret: string): string {
  if (!secret) {
    throw new TypeError("A tracking token needs a non-empty secret")
  }
  const token = isRecord(payload) ? readFields(payload.k, payload) : null
  if (!token) {
    throw new TypeError("Not a valid tracking token payload")
  }
  const body = Buffer.from(JSON.stringify({ ...token, k: CODE_BY_KIND[token.k] })).toString(
    "base64url"
  )
  return `${body}.${signature(body, secret)}`
}

/**
 * The payload of a token this server signed with `secret`, or null for
 * anything else: malformed, tampered with, signed with another secret, of
 * another kind than `expectedKind`. Never throws, whatever `token` is.
 */
export function verifyToken(token: unknown, secret: string): TrackingToken | null
export function verifyToken<K extends TrackingTokenKind>(
  token: unknown,
  secret: string,
  expectedKind: K
): TrackingTokenOf<K> | null
export function verifyToken(
  token: unknown,
  secret: string,
  expectedKind?: TrackingTokenKind
): TrackingToken | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH || !secret) {
    return null
  }
  const dot = token.indexOf(".")
  const body = token.slice(0, dot)
  const sig = token.slice(dot + 1)
  if (dot === -1 || !BASE64URL.test(body) || !BASE64URL.test(sig)) {
    return null
  }
  // Compare the encoded strings, not decoded bytes: base64url decoding ignores
  // the spare bits of the last character, so two spellings share one MAC.
  const expected = Buffer.from(signature(body, secret))
  const given = Buffer.from(sig)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return null
  }

  let wire: unknown
  try {
    wire = JSON.parse(Buffer.from(body, "base64url").toString("utf8"))
  } catch {
    return null
  }
  if (!isRecord(wire)) {
    return null
  }
  const kind = KIND_BY_CODE.get(wire.k)
  if (!kind || (expectedKind !== undefined && kind !== expectedKind)) {
    return null
  }
  return readFields(kind, wire)
}

/** Whether a token issued at `token.t` (epoch seconds) is at most `maxAgeSeconds` old. */
export function isTokenFresh(
  token: { t: number },
  maxAgeSeconds: number,
  now: Date = new Date()
): boolean {
  const age = now.getTime() / 1000 - token.t
  return Number.isFinite(age) && age >= -CLOCK_SKEW_SECONDS && age <= maxAgeSeconds
}

/**
 * A key for one purpose ("tracking", "unsubscribe", …) from the one secret the
 * store configures, so a token signed for one purpose never verifies for another.
 */
export function deriveSecret(base: string, purpose: string): string {
  if (!base) {
    throw new TypeError("Cannot derive a secret from an empty one")
  }
  return createHmac("sha256", base).update(purpose).digest("hex")
}

function signature(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64url")
}

// Builds a fresh object so nothing beyond the known fields leaves this module.
function readFields(kind: unknown, fields: Record<string, unknown>): TrackingToken | null {
  const { m, c, i, t } = fields
  switch (kind) {
    case "open":
    case "view":
      return isId(m) ? { k: kind, m } : null
    case "click":
      return isId(m) && isCount(i) ? { k: "click", m, i } : null
    case "unsubscribe":
      if (!isId(c)) {
        return null
      }
      if (m === undefined) {
        return { k: "unsubscribe", c }
      }
      return isId(m) ? { k: "unsubscribe", c, m } : null
    case "confirm":
      return isId(c) && isCount(t) ? { k: "confirm", c, t } : null
    default:
      return null
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

function isId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
}
