import { randomUUID } from "node:crypto"
import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import MarketingModuleService from "../../../../../../modules/marketing/service"
import { SAMPLE_TEMPLATE_DATA } from "../../../../../../lib/templates/sample-data"
import { upsertContactsWorkflow } from "../../../../../../workflows/contacts"
import { dispatchDueMessages } from "../../../../../../workflows/messages"
import { refetchTemplate } from "../../helpers"
import { AdminTestSendTemplateType } from "../../validators"

/**
 * Sends one version to a staff address now, through the real outbox and
 * provider, with the sample data. It is marked as a test
 * and goes as transactional, so consent and caps do not stop it; the
 * suppression list still does.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminTestSendTemplateType>, res: MedusaResponse) => {
  const template = await refetchTemplate(req.scope, req.params.id)
  const { email, version: wanted } = req.validatedBody
  const version = wanted ? template.versions.find((v: { version: number }) => v.version === wanted) : template.versions[0]
  if (!version) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Template ${template.id} has no version ${wanted}`)
  }
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const { result } = await upsertContactsWorkflow(req.scope).run({ input: { contacts: [{ email }] } })
  const recipient = result[0].contact
  const [queued] = await marketing.enqueueMessages([
    {
      contact_id: recipient.id,
      template_version_id: version.id,
      to_email: email,
      reason_type: "test",
      reason_id: template.id,
      transactional: true,
      idempotency_key: `test:${randomUUID()}`,
      // The recipient's own name, the store settings and real links replace the sample's.
      data: { ...SAMPLE_TEMPLATE_DATA, contact: undefined, store: undefined, links: undefined },
    },
  ])
  await dispatchDueMessages(req.scope, { limit: 20 })
  const [message] = await marketing.listMessages({ id: queued.id }, { select: ["id", "status", "last_error"] })
  res.status(message.status === "sent" ? 200 : 202).json({ message })
}
