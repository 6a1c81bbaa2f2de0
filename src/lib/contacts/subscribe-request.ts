import type { ConsentStatus } from "../../types/contact"

/**
 * What a request to subscribe an address does:
 * - `subscribe`: consent is recorded at once (single opt-in);
 * - `request`: the contact becomes `pending` and gets the confirmation email;
 * - `confirm`: only the confirmation email goes out, consent is left as it is;
 * - `none`: nothing changes and nothing is sent.
 */
export type SubscribeRequestOutcome = "subscribe" | "request" | "confirm" | "none"

/** A confirmation email is not sent again within this time, so a form cannot flood an inbox. */
export const CONFIRMATION_RESEND_AFTER_MS = 24 * 3_600_000

/**
 * Anyone can post any address to a subscribe form, so the request alone never
 * overrides what the person said: a contact who unsubscribed is only sent a
 * confirmation, and stays unsubscribed (with that evidence) until they follow
 * its link, whether or not the store uses double opt-in.
 */
export function decideSubscribeRequest(input: {
  status: ConsentStatus
  /** When the contact's consent last changed. */
  consentAt: Date | null
  suppressed: boolean
  doubleOptIn: boolean
  /** When the contact was last sent a confirmation email, if ever. */
  lastConfirmationAt: Date | null
  now: Date
}): SubscribeRequestOutcome {
  if (input.status === "subscribed") {
    return "none"
  }
  // A confirmation from before the person's own last change (they confirmed, then left) does not count.
  const last = input.lastConfirmationAt
  const recent =
    !!last &&
    (!input.consentAt || last.getTime() >= input.consentAt.getTime()) &&
    input.now.getTime() - last.getTime() < CONFIRMATION_RESEND_AFTER_MS
  const mayEmail = !input.suppressed && !recent
  if (input.status === "unsubscribed") {
    return mayEmail ? "confirm" : "none"
  }
  if (!input.doubleOptIn) {
    return "subscribe"
  }
  return mayEmail ? "request" : "none"
}

/**
 * Whether following a confirmation link subscribes the contact. A pending
 * contact is confirmed by any link still fresh; any other (unsubscribed,
 * never asked) only by a link sent after the second their consent last changed, so an
 * old link cannot undo a later unsubscribe.
 */
export function confirmLinkSubscribes(input: {
  status: ConsentStatus
  consentAt: Date | null
  /** When the link was issued. */
  issuedAt: Date
}): boolean {
  if (input.status === "subscribed") {
    return false
  }
  if (input.status === "pending") {
    return true
  }
  // Links carry whole seconds; one from the very second of the change does not count as later.
  return !input.consentAt || input.issuedAt.getTime() > Math.floor(input.consentAt.getTime() / 1000) * 1000
}
