import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { finishCampaignsStep, skipCancelledCampaignMessagesStep } from "../steps"

export const finishCampaignsWorkflowId = "finish-campaigns"

/**
 * Settles campaigns at `now` (epoch ms): stray messages of cancelled ones
 * are skipped, and sending ones with nothing left to send become sent.
 */
export const finishCampaignsWorkflow = createWorkflow(finishCampaignsWorkflowId, (input: { now: number }) => {
  const skipped = skipCancelledCampaignMessagesStep(input)
  const finished = finishCampaignsStep(input)
  return new WorkflowResponse({ finished, skipped })
})
