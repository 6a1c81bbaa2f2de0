import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { startCampaignStep } from "../steps"

export const startCampaignWorkflowId = "start-campaign"

/**
 * Starts a scheduled campaign at `now` (epoch ms): its audience, or an A/B
 * test's sample, goes to the outbox. Null when it was not scheduled (another
 * instance started it, or it was cancelled).
 */
export const startCampaignWorkflow = createWorkflow(startCampaignWorkflowId, (input: { id: string; now: number }) => {
  return new WorkflowResponse(startCampaignStep(input))
})
