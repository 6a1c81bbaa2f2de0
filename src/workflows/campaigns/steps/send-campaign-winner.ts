import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { marketingService } from "./service"

export const sendCampaignWinnerStepId = "send-campaign-winner"

/**
 * Records an A/B test's winner and queues it to the rest of the audience;
 * null when the test was decided already. Compensation removes the
 * winner's messages not sent yet and opens the test again.
 */
export const sendCampaignWinnerStep = createStep(
  sendCampaignWinnerStepId,
  async (input: { id: string; winner: string; now: number }, { container }) => {
    const sent = await marketingService(container).sendCampaignWinner(input.id, input.winner, new Date(input.now))
    return new StepResponse(
      sent ? { queued: sent.queued } : null,
      sent ? { id: input.id, audience_count: sent.previous_audience_count } : null
    )
  },
  async (undo, { container }) => {
    if (undo) {
      await marketingService(container).revertCampaignWinner(undo.id, undo.audience_count)
    }
  }
)
