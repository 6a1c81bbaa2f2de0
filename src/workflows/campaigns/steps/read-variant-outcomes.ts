import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { marketingService } from "./service"

export const readVariantOutcomesStepId = "read-variant-outcomes"

/** Sent messages, a person's opens and clicks, and net revenue of each A/B variant. Reads only. */
export const readVariantOutcomesStep = createStep(readVariantOutcomesStepId, async (id: string, { container }) => {
  return new StepResponse(await marketingService(container).campaignVariantOutcomes(id))
})
