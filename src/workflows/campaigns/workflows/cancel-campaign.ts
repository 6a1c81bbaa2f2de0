import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { cancelCampaignStep } from "../steps"
import type { CancelCampaignWorkflowInput } from "../types"

export const cancelCampaignWorkflowId = "cancel-campaign"

/**
 * Cancels a campaign. A draft or scheduled one never sends; a sending one
 * stops, its queued messages skipped with "campaign cancelled", while what
 * was sent stays sent. Returns how many messages were skipped.
 */
export const cancelCampaignWorkflow = createWorkflow(
  cancelCampaignWorkflowId,
  (input: CancelCampaignWorkflowInput) => {
    const result = cancelCampaignStep(
      transform({ input }, ({ input }) => ({ id: input.id, now: input.now ?? Date.now() }))
    )
    return new WorkflowResponse(result)
  }
)
