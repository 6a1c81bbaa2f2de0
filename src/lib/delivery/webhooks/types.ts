export const EMAIL_EVENT_TYPES = [
  "delivered",
  "opened",
  "clicked",
  "bounced",
  "complained",
  "unsubscribed",
  "deferred",
] as const

export type EmailEventType = (typeof EMAIL_EVENT_TYPES)[number]

/** One provider event, in the shape the plugin stores whatever the provider. */
export interface NormalizedEmailEvent {
  type: EmailEventType
  /** For bounces: permanent (hard) or transient (soft). */
  bounce?: "hard" | "soft"
  /** Lower-cased recipient. */
  email: string
  /**
   * The plugin's message id when the provider echoes it back (custom args,
   * tags or metadata named "marketing_message_id"), else null.
   */
  message_id: string | null
  /** The provider's id for the sent email, to match messages by provider_message_id. */
  provider_message_id: string | null
  occurred_at: Date
  /** Diagnostic or bounce description, at most 500 characters. */
  reason: string | null
  /** For clicks. */
  url?: string | null
  /**
   * Unique per provider event, so a redelivered webhook is stored once: the
   * provider's event id when it has one, else a sha256 of stable fields.
   */
  idempotency_key: string
}

export type AdapterResult =
  | { kind: "events"; events: NormalizedEmailEvent[] }
  /** An SNS subscription handshake: the route must GET `subscribeUrl` to start receiving notifications. */
  | { kind: "subscription_confirmation"; subscribeUrl: string }

export interface WebhookRequest {
  rawBody: string
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>
  /** The adapter's configured secret; without one, signatures are not checked. */
  secret?: string | null
}

export interface WebhookAdapter {
  parse(request: WebhookRequest): Promise<AdapterResult> | AdapterResult
}

/** The request is not provably from the provider; the route answers 401. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "WebhookSignatureError"
  }
}

/** The body is not what the provider documents; the route answers 400 and the message names the field. */
export class WebhookPayloadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "WebhookPayloadError"
  }
}
