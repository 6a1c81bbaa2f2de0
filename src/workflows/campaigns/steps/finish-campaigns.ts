import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { marketingService } from "./service"

export const finishCampaignsStepId = "finish-campaigns"

/** Marks sending campaigns with nothing left to send as sent; compensation puts them back to sending. */
export const finishCampaignsStep = createStep(
  finishCampaignsStepId,
  async (input: { now: number }, { container }) => {
    const ids = await marketingService(container).finishCampaigns(new Date(input.now))
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await marketingService(container).reopenCampaigns(ids)
    }
  }
)
