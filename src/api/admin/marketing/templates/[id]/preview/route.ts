import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import MarketingModuleService from "../../../../../../modules/marketing/service"
import { SAMPLE_TEMPLATE_DATA } from "../../../../../../lib/templates/sample-data"
import { templateRenderer } from "../../../../../../lib/templates/shared"
import { TemplateError, TemplateRenderer } from "../../../../../../lib/templates/renderer"
import { assertValidTemplateContent } from "../../../../../../workflows/templates"
import {
  buildTemplateDataWorkflow,
  findLatestActivity,
} from "../../../../../../workflows/messages/template-data"
import { resolveEmailContext } from "../../../../../../utils/email-context"
import { storeData } from "../../../../../../workflows/messages/compose-email"
import { refetchTemplate } from "../../helpers"
import { AdminPreviewTemplateType } from "../../validators"

/**
 * Renders a saved version, or unsaved content, with sample data or a real
 * contact's data. Reads only: nothing is stored and nothing is sent.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminPreviewTemplateType>,
  res: MedusaResponse
) => {
  const template = await refetchTemplate(req.scope, req.params.id)
  const { contact_id, version: wanted, content } = req.validatedBody

  let source: { id: string; subject: string; mjml: string; [key: string]: unknown }
  if (content) {
    await assertValidTemplateContent(content)
    source = { ...content, id: "draft" }
  } else {
    const version = wanted
      ? template.versions.find((v: any) => v.version === wanted)
      : template.versions[0]
    if (!version) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Template ${template.id} has no version ${wanted}`
      )
    }
    source = version
  }

  let data: Record<string, unknown> = SAMPLE_TEMPLATE_DATA
  if (contact_id) {
    const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
    const contact = await marketing.retrieveContact(contact_id)
    // The contact's own latest cart and order stand in for the message's;
    // parts the contact has nothing for keep the sample so every block shows.
    const latest = await findLatestActivity(req.scope, contact)
    const { result: real } = await buildTemplateDataWorkflow(req.scope).run({
      input: { contact_id, cart_id: latest.cart?.id, order_id: latest.order?.id },
    })
    const present = Object.entries(real).filter(
      ([, value]) => value !== null && !(Array.isArray(value) && !value.length)
    )
    data = {
      ...SAMPLE_TEMPLATE_DATA,
      ...Object.fromEntries(present),
      contact: {
        email: contact.email,
        first_name: contact.first_name,
        last_name: contact.last_name,
        orders_count: contact.orders_count,
        total_spent: Number(contact.total_spent),
      },
    }
  }

  // The store's own name, address and logo, as its emails will show them.
  data = { ...data, store: storeData(await resolveEmailContext(req.scope)) }

  try {
    // Unsaved content gets a renderer of its own: it must not enter the
    // shared cache, whose entries are immutable saved versions.
    const renderer = content ? new TemplateRenderer({ cacheSize: 1 }) : templateRenderer
    const rendered = await renderer.render(source as any, data)
    res.json({ preview: rendered })
  } catch (error) {
    if (error instanceof TemplateError) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
    }
    throw error
  }
}
