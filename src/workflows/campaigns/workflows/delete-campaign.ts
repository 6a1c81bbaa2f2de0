import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteCampaignStep } from "../steps"

export const deleteCampaignWorkflowId = "delete-campaign"

/** Deletes a draft campaign; any other is refused, since its messages and results refer to it. */
export const deleteCampaignWorkflow = createWorkflow(deleteCampaignWorkflowId, (input: { id: string }) => {
  return new WorkflowResponse(deleteCampaignStep(input.id))
})
