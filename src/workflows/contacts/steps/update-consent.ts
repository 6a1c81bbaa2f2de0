import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { UpdateConsentInput } from "../../../types"

const CONSENT_FIELDS = [
  "consent_status",
  "consent_source",
  "consent_at",
  "consent_ip",
  "consent_text",
] as const

export const updateConsentStepId = "update-consent"

/** Sets consent with evidence; compensation restores the previous consent and evidence. */
export const updateConsentStep = createStep(
  updateConsentStepId,
  async (input: UpdateConsentInput, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const before = await marketing.retrieveContact(input.contact_id, {
      select: ["id", ...CONSENT_FIELDS],
    })
    const contact = await marketing.updateConsent(input)
    return new StepResponse(
      { contact, previous_status: before.consent_status },
      before
    )
  },
  async (before, { container }) => {
    if (!before) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.updateContacts(
      Object.fromEntries([
        ["id", before.id],
        ...CONSENT_FIELDS.map((field) => [field, before[field]]),
      ])
    )
  }
)
