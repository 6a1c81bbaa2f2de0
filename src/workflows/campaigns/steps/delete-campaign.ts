import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { marketingService } from "./service"

export const deleteCampaignStepId = "delete-campaign"

/** Deletes a draft (a 400 for any other status); compensation restores it. */
export const deleteCampaignStep = createStep(
  deleteCampaignStepId,
  async (id: string, { container }) => {
    await marketingService(container).deleteDraftCampaign(id)
    return new StepResponse(id, id)
  },
  async (id, { container }) => {
    if (id) {
      await marketingService(container).restoreCampaigns([id])
    }
  }
)
