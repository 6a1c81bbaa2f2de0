import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateEmailPreferencesWorkflow } from "../../../../workflows/messages"
import { EMAIL_ROUTES } from "../../../../utils/email-context"
import { escapeHtml } from "../../page"
import { readToken, requestEvidence, sendPage } from "../../helpers"

/**
 * The unsubscribe link in an email opens a page with one button rather than
 * unsubscribing on the GET itself: mail security scanners follow every link
 * in a message, and must not unsubscribe people who never asked.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const found = await readToken(req, res, "unsubscribe")
  if (!found) {
    return
  }
  const preferences = `${EMAIL_ROUTES.preferences}/${escapeHtml(req.params.token)}`
  sendPage(
    res,
    200,
    found.context,
    "Unsubscribe",
    `<p>Stop receiving marketing emails from us? You will still get receipts and other messages about your orders.</p>
<form method="post">
  <button type="submit">Unsubscribe from all marketing emails</button>
</form>
<p><a href="${preferences}">Choose which emails you get instead</a></p>`
  )
}

/**
 * One-click unsubscribe (RFC 8058): a mail client POSTs
 * `List-Unsubscribe=One-Click` without a session; the page's button POSTs
 * here too. Either takes effect before the response.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const found = await readToken(req, res, "unsubscribe")
  if (!found) {
    return
  }
  const body = (req.body ?? {}) as Record<string, unknown>
  const oneClick = body["List-Unsubscribe"] === "One-Click"
  const contact = await found.marketing.listContacts({ id: found.token.c }, { select: ["id"] })
  if (contact.length) {
    const evidence = requestEvidence(req)
    await updateEmailPreferencesWorkflow(req.scope).run({
      input: {
        contact_id: found.token.c,
        message_id: found.token.m ?? null,
        action: "unsubscribe_all",
        source: oneClick ? "one_click" : "unsubscribe_page",
        ...evidence,
      },
    })
  }
  if (oneClick) {
    return res.status(200).type("text/plain").send("Unsubscribed")
  }
  const preferences = `${EMAIL_ROUTES.preferences}/${escapeHtml(req.params.token)}`
  sendPage(
    res,
    200,
    found.context,
    "You are unsubscribed",
    `<p class="note" role="status">You will not get marketing emails from us any more.</p>
<p>Changed your mind? <a href="${preferences}">Subscribe again</a>.</p>`
  )
}
