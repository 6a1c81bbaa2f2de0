import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

const ERASED_FIELDS = [
  "id",
  "email",
  "customer_id",
  "first_name",
  "last_name",
  "phone",
  "locale",
  "timezone",
  "consent_status",
  "consent_source",
  "consent_at",
  "consent_ip",
  "consent_text",
  "suppressed_at",
  "suppression_reason",
  "metadata",
  "erased_at",
] as const

export const eraseContactsStepId = "erase-contacts"

/**
 * Anonymises contacts. The snapshot kept for compensation lives only in the
 * workflow's execution for the duration of the transaction.
 */
export const eraseContactsStep = createStep(
  eraseContactsStepId,
  async (contactIds: string[], { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    if (!contactIds.length) {
      return new StepResponse([], null)
    }
    const before = (await marketing.listContacts(
      { id: contactIds },
      { select: [...ERASED_FIELDS] }
    )) as { id: string }[]
    const events = (await marketing.listContactEvents(
      { contact_id: contactIds },
      { select: ["id", "data"] }
    )) as { id: string; data: Record<string, unknown> | null }[]
    await marketing.eraseContacts(contactIds)
    return new StepResponse(contactIds, { before, events })
  },
  async (snapshot, { container }) => {
    if (!snapshot?.before.length) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.updateContacts(snapshot.before)
    if (snapshot.events.length) {
      await marketing.updateContactEvents(snapshot.events)
    }
  }
)
