import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

export const listAbandonmentCandidatesStepId = "list-abandonment-candidates"

export const listAbandonmentCandidatesStep = createStep(
  listAbandonmentCandidatesStepId,
  async (input: { cutoff: Date; limit: number }, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    return new StepResponse(
      await marketing.listAbandonmentCandidates(new Date(input.cutoff), input.limit)
    )
  }
)
