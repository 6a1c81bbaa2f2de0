import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { ConversionOutcome } from "../../../modules/marketing/repositories/attribution-sql"

export const setConversionOutcomesStepId = "set-conversion-outcomes"

/**
 * Sets attributed orders' refunded amount and cancellation; compensation
 * puts back the values this step replaced.
 */
export const setConversionOutcomesStep = createStep(
  setConversionOutcomesStepId,
  async (outcomes: ConversionOutcome[], { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const previous = await marketing.setConversionOutcomes(outcomes)
    return new StepResponse(previous, previous)
  },
  async (previous: ConversionOutcome[] | undefined, { container }) => {
    if (!previous?.length) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.setConversionOutcomes(previous)
  }
)
