import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

export type RefreshContactFactsStepInput = {
  contact_ids: string[]
  currency_code: string
}

export const refreshContactFactsStepId = "refresh-contact-facts"

/**
 * Recomputes profile facts from the timeline. Facts are derived data: the
 * step that changed the timeline undoes its events and recomputes on
 * compensation, so this step has nothing of its own to undo.
 */
export const refreshContactFactsStep = createStep(
  refreshContactFactsStepId,
  async (input: RefreshContactFactsStepInput, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const ids = await marketing.refreshContactFacts(
      input.contact_ids,
      input.currency_code
    )
    return new StepResponse(ids)
  }
)
