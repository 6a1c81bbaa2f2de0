import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import MarketingModuleService from "../../../../../modules/marketing/service"
import { TemplateError } from "../../../../../lib/templates/renderer"
import { resolveEmailContext } from "../../../../../utils/email-context"
import { composeEmail } from "../../../../../workflows/messages/compose-email"
import { templatesByVersion } from "../helpers"

/** One message: its outcome, its events, and the email as its recipient got it. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const [message] = await marketing.listMessages({ id: req.params.id })
  if (!message) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Message with id: ${req.params.id} was not found`)
  }
  const events = await marketing.listMessageEvents(
    { message_id: message.id },
    { order: { occurred_at: "ASC" }, take: 500 }
  )
  const [contact] = await marketing.listContacts(
    { id: message.contact_id },
    { select: ["id", "email", "first_name", "last_name", "orders_count", "erased_at"] }
  )
  const [version] = await marketing.listTemplateVersions({ id: message.template_version_id })
  const template = (await templatesByVersion(req.scope, [message.template_version_id])).get(message.template_version_id) ?? null

  let rendered: { subject: string; html: string; text: string } | null = null
  let render_error: string | null = null
  if (contact && version && !contact.erased_at) {
    try {
      const email = await composeEmail({
        message: { ...message, data: (message.data ?? null) as Record<string, unknown> | null },
        contact,
        version,
        context: await resolveEmailContext(req.scope),
        untracked: true,
      })
      rendered = { subject: email.subject, html: email.html, text: email.text }
    } catch (error) {
      render_error = error instanceof TemplateError ? error.message : String(error)
    }
  }
  const { claim_token: _claim, data: _data, ...visible } = message
  res.json({ message: { ...visible, template, contact: contact ?? null, events }, rendered, render_error })
}
