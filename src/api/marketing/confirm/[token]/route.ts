import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { classifyClick } from "../../../../lib/tracking/machine-open"
import { confirmLinkSubscribes } from "../../../../lib/contacts/subscribe-request"
import type { ConsentStatus } from "../../../../types/contact"
import { isTokenFresh } from "../../../../lib/tracking/tokens"
import { updateEmailPreferencesWorkflow } from "../../../../workflows/messages"
import { readToken, requestEvidence, sendPage } from "../../helpers"

const CONFIRM_LINK_DAYS = 7

/**
 * The double opt-in link: following it subscribes the contact, with the
 * click's time and address kept as evidence of the confirmation. A mail
 * scanner following the link gets a page with a button instead, so it
 * cannot confirm for the person.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const scanner = classifyClick({ userAgent: req.get("user-agent"), ip: req.ip, at: new Date() })
  if (scanner.machine) {
    const found = await readToken(req, res, "confirm")
    if (found) {
      sendPage(res, 200, found.context, "Confirm your subscription", `<form method="post"><button type="submit">Yes, subscribe me</button></form>`)
    }
    return
  }
  return confirm(req, res)
}

export const POST = async (req: MedusaRequest, res: MedusaResponse) => confirm(req, res)

const confirm = async (req: MedusaRequest, res: MedusaResponse) => {
  const found = await readToken(req, res, "confirm")
  if (!found) {
    return
  }
  if (!isTokenFresh(found.token, CONFIRM_LINK_DAYS * 86_400)) {
    return sendPage(res, 410, found.context, "Link expired", "<p>This confirmation link has expired. Please subscribe again to get a new one.</p>")
  }
  const [contact] = await found.marketing.listContacts(
    { id: found.token.c },
    { select: ["id", "consent_status", "consent_at"] }
  )
  if (!contact) {
    return sendPage(res, 404, found.context, "Link not valid", "<p>We could not find this subscription.</p>")
  }
  if (contact.consent_status === "subscribed") {
    return sendPage(res, 200, found.context, "You are subscribed", `<p class="note" role="status">You are already subscribed.</p>`)
  }
  const subscribes = confirmLinkSubscribes({
    status: contact.consent_status as ConsentStatus,
    consentAt: contact.consent_at ? new Date(contact.consent_at) : null,
    issuedAt: new Date(found.token.t * 1000),
  })
  if (!subscribes) {
    // Sent before they unsubscribed: the later choice stands.
    return sendPage(res, 410, found.context, "Link expired", "<p>This confirmation link is older than your last change to your subscription. Please subscribe again to get a new one.</p>")
  }
  await updateEmailPreferencesWorkflow(req.scope).run({
    input: { contact_id: contact.id, action: "subscribe", source: "double_opt_in", ...requestEvidence(req) },
  })
  sendPage(res, 200, found.context, "You are subscribed", `<p class="note" role="status">Thank you for confirming. You will hear from us soon.</p>`)
}
