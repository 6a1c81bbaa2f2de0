import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"

export const readSettingsStepId = "read-marketing-settings"

/** The merchant's sending settings, for workflows that branch on them. Reads only. */
export const readSettingsStep = createStep(readSettingsStepId, async (_: void, { container }) => {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  return new StepResponse(await marketing.getSettings())
})
