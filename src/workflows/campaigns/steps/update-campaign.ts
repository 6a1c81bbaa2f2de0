import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CampaignChanges, CampaignStatus } from "../types"
import { marketingService, toCampaignWrite } from "./service"

export type UpdateCampaignStepInput = {
  id: string
  /** The statuses the campaign may be in for the change to apply. */
  allowed: CampaignStatus[]
  /** For the refusal: "changed", "scheduled", … */
  action: string
  changes: CampaignChanges
}

export const updateCampaignStepId = "update-campaign"

/**
 * Changes a campaign while it is in one of the allowed statuses (a 400
 * otherwise); compensation puts back every field it changed.
 */
export const updateCampaignStep = createStep(
  updateCampaignStepId,
  async (input: UpdateCampaignStepInput, { container }) => {
    const { campaign, previous } = await marketingService(container).updateCampaignInStatus({
      id: input.id,
      allowed: input.allowed,
      action: input.action,
      changes: toCampaignWrite(input.changes),
    })
    return new StepResponse(campaign, { id: input.id, previous })
  },
  async (undo, { container }) => {
    if (undo) {
      await marketingService(container).updateCampaigns({ id: undo.id, ...toCampaignWrite(undo.previous) } as any)
    }
  }
)
