import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

export const setUnsubscribedTopicsStepId = "set-unsubscribed-topics"

/** Replaces the topics a contact left; compensation puts the old list back. */
export const setUnsubscribedTopicsStep = createStep(
  setUnsubscribedTopicsStepId,
  async (input: { contact_id: string; topics: string[] }, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const before = await marketing.retrieveContact(input.contact_id, { select: ["id", "unsubscribed_topics"] })
    await marketing.updateContacts({ id: input.contact_id, unsubscribed_topics: input.topics })
    return new StepResponse(input.topics, { id: before.id, topics: (before.unsubscribed_topics ?? []) as string[] })
  },
  async (before, { container }) => {
    if (!before) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.updateContacts({ id: before.id, unsubscribed_topics: before.topics })
  }
)
