/** Why a guardrail held a message back, as recorded in the message's `last_error`. */
export type GuardrailReason = "suppressed" | "no_consent" | "topic_unsubscribed" | "frequency_cap" | "quiet_hours"

/** Each reason in a merchant's words, for the admin and the dry run. */
export const GUARDRAIL_REASON_TEXT: Record<GuardrailReason, string> = {
  suppressed: "the contact is on the suppression list",
  no_consent: "the contact has not subscribed to marketing email",
  topic_unsubscribed: "the contact unsubscribed from this email's topic",
  frequency_cap: "the contact already had as much marketing email as the frequency cap allows",
  quiet_hours: "it waits for quiet hours to end in the contact's time zone",
}

/** The recorded reason's text, or null when it is not a guardrail's (a provider error, say). */
export const describeGuardrailReason = (reason: string | null | undefined): string | null =>
  reason && Object.prototype.hasOwnProperty.call(GUARDRAIL_REASON_TEXT, reason) ? GUARDRAIL_REASON_TEXT[reason as GuardrailReason] : null
