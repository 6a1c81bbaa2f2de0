import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { buildConfirmLink, resolveEmailContext } from "../../../utils/email-context"
import { installStarterTemplates } from "../../templates/install-starter-templates"

export const queueConfirmationStepId = "queue-subscription-confirmation"

/** When the contact was last sent a confirmation email (queued or gone), or null. */
export const lastConfirmationStep = createStep(
  "last-confirmation",
  async (input: { contact_id: string }, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const [last] = await marketing.listMessages(
      { contact_id: input.contact_id, reason_type: "double_opt_in" },
      { select: ["created_at"], order: { created_at: "DESC" }, take: 1 }
    )
    return new StepResponse(last ? new Date(last.created_at).toISOString() : null)
  }
)

/**
 * Puts the double opt-in email in the outbox, with a signed confirm link.
 * It is transactional (the person just asked for it), so it goes without
 * consent, but never to a suppressed address. Compensation withdraws it
 * while it is still queued.
 */
export const queueConfirmationStep = createStep(
  queueConfirmationStepId,
  async (input: { contact_id: string; email: string; requested_at: Date | string }, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const templates = await installStarterTemplates(container, ["double_opt_in"])
    const [version] = await marketing.listTemplateVersions(
      { template_id: templates.get("double_opt_in")! },
      { order: { version: "DESC" }, take: 1, select: ["id"] }
    )
    const context = await resolveEmailContext(container)
    const requestedAt = new Date(input.requested_at)
    const [queued] = await marketing.enqueueMessages([
      {
        contact_id: input.contact_id,
        template_version_id: version.id,
        to_email: input.email,
        reason_type: "double_opt_in",
        reason_id: input.contact_id,
        transactional: true,
        idempotency_key: `double_opt_in:${input.contact_id}:${requestedAt.getTime()}`,
        data: { links: { confirm: buildConfirmLink(context, input.contact_id, requestedAt) } },
      },
    ])
    return new StepResponse(queued ?? null, queued?.id ?? null)
  },
  async (messageId, { container }) => {
    if (!messageId) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const [message] = await marketing.listMessages({ id: messageId, status: "queued" }, { select: ["id"] })
    if (message) {
      await marketing.softDeleteMessages(messageId)
    }
  }
)
