import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { marketingService } from "./service"

export const cancelCampaignStepId = "cancel-campaign"

/**
 * Cancels a draft, scheduled or sending campaign; a sending one's queued
 * messages are skipped. Compensation restores the status and re-queues
 * what the cancellation skipped.
 */
export const cancelCampaignStep = createStep(
  cancelCampaignStepId,
  async (input: { id: string; now: number }, { container }) => {
    const { previous, skipped } = await marketingService(container).cancelCampaign(input.id, new Date(input.now))
    return new StepResponse({ id: input.id, skipped }, { id: input.id, previous })
  },
  async (undo, { container }) => {
    if (undo) {
      await marketingService(container).revertCampaignCancel(undo.id, undo.previous)
    }
  }
)
