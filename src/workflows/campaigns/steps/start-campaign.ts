import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { marketingService } from "./service"

export const startCampaignStepId = "start-campaign"

/**
 * Starts a scheduled campaign: `sending`, and its audience (or its A/B
 * sample) queued, in one transaction. Null when another instance started
 * it first. Compensation removes what is still queued and schedules it again.
 */
export const startCampaignStep = createStep(
  startCampaignStepId,
  async (input: { id: string; now: number }, { container }) => {
    const started = await marketingService(container).startCampaign(input.id, new Date(input.now))
    return new StepResponse(started, started ? input.id : null)
  },
  async (id, { container }) => {
    if (id) {
      await marketingService(container).revertCampaignStart(id)
    }
  }
)
