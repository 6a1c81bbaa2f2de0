import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { composeEmail } from "../../../../workflows/messages/compose-email"
import { readToken, sendPage } from "../../helpers"

/** "View in your browser": the message as it was rendered for its recipient. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const found = await readToken(req, res, "view")
  if (!found) {
    return
  }
  const [message] = await found.marketing.listMessages({ id: found.token.m })
  const [contact] = message ? await found.marketing.listContacts({ id: message.contact_id }) : []
  const [version] = message ? await found.marketing.listTemplateVersions({ id: message.template_version_id }) : []
  if (!message || !contact || !version || contact.erased_at) {
    return sendPage(res, 404, found.context, "Email not found", "<p>This email is no longer available.</p>")
  }
  const email = await composeEmail({
    message: { ...message, data: (message.data ?? null) as Record<string, unknown> | null },
    contact,
    version,
    context: found.context,
  })
  res
    .status(200)
    .set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer" })
    .send(email.html)
}
