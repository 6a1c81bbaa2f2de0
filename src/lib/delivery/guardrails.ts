import type { ConsentStatus } from "../../types/contact"
import { QuietHours, releaseTime } from "./quiet-hours"
import type { GuardrailReason } from "./reasons"

export type GuardrailContact = {
  consent_status: ConsentStatus
  suppressed_at: Date | string | null
  timezone?: string | null
  /** Preference topics the contact left. */
  unsubscribed_topics?: string[] | null
}

export type GuardrailSettings = {
  /** At most this many marketing emails per contact within `frequencyWindowHours`. */
  frequencyCap: number
  frequencyWindowHours: number
  quietHours: QuietHours | null
}

export const DEFAULT_GUARDRAILS: GuardrailSettings = {
  frequencyCap: 1,
  frequencyWindowHours: 16,
  quietHours: { start: "21:00", end: "08:00" },
}

export type GuardrailDecision =
  | { action: "send" }
  | { action: "wait"; until: Date; reason: Extract<GuardrailReason, "quiet_hours"> }
  /** Never send: the contact is on the suppression list. */
  | { action: "suppress"; reason: Extract<GuardrailReason, "suppressed"> }
  /** Not this message: the contact did not consent, or had enough email lately. */
  | { action: "skip"; reason: Extract<GuardrailReason, "no_consent" | "topic_unsubscribed" | "frequency_cap"> }

/**
 * Decides at send time whether a message may go now. Transactional messages
 * skip consent, the frequency cap and quiet hours, but never suppression: a
 * hard bounce or complaint stops everything.
 *
 * `sentInWindow` is how many marketing emails the contact was sent within
 * the frequency window before now.
 */
export function checkGuardrails(input: {
  contact: GuardrailContact
  transactional: boolean
  /** The message's preference topic, if any. */
  topic?: string | null
  sentInWindow: number
  now: Date
  settings?: GuardrailSettings
}): GuardrailDecision {
  const settings = input.settings ?? DEFAULT_GUARDRAILS
  if (input.contact.suppressed_at) {
    return { action: "suppress", reason: "suppressed" }
  }
  if (input.transactional) {
    return { action: "send" }
  }
  if (input.contact.consent_status !== "subscribed") {
    return { action: "skip", reason: "no_consent" }
  }
  if (input.topic && input.contact.unsubscribed_topics?.includes(input.topic)) {
    return { action: "skip", reason: "topic_unsubscribed" }
  }
  if (settings.frequencyCap > 0 && input.sentInWindow >= settings.frequencyCap) {
    return { action: "skip", reason: "frequency_cap" }
  }
  const release = releaseTime(input.now, settings.quietHours, input.contact.timezone)
  if (release.getTime() > input.now.getTime()) {
    return { action: "wait", until: release, reason: "quiet_hours" }
  }
  return { action: "send" }
}
