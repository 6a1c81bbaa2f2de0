import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { marketingService } from "./service"

export const skipCancelledCampaignMessagesStepId = "skip-cancelled-campaign-messages"

// Longer than any retry of a send that was in flight at the cancellation.
const RETRY_HORIZON_MS = 24 * 3_600_000

/**
 * Skips messages that came back to the queue after their campaign was
 * cancelled (a send in flight at the cancellation failed and was retried).
 * Compensation puts them back as they were.
 */
export const skipCancelledCampaignMessagesStep = createStep(
  skipCancelledCampaignMessagesStepId,
  async (input: { now: number }, { container }) => {
    const skipped = await marketingService(container).skipCancelledCampaignMessages(
      new Date(input.now - RETRY_HORIZON_MS)
    )
    return new StepResponse(skipped.length, skipped)
  },
  async (skipped, { container }) => {
    if (skipped?.length) {
      await marketingService(container).requeueSkippedMessages(skipped)
    }
  }
)
