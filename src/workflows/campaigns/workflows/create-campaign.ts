import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createCampaignStep, validateCampaignStep } from "../steps"
import type { CreateCampaignWorkflowInput } from "../types"

export const createCampaignWorkflowId = "create-campaign"

/**
 * Creates a campaign as a draft; unknown templates or segments and A/B
 * variants that do not differ are refused with a 400 naming the field.
 */
export const createCampaignWorkflow = createWorkflow(
  createCampaignWorkflowId,
  (input: CreateCampaignWorkflowInput) => {
    validateCampaignStep(
      transform({ input }, ({ input }) => ({
        template_id: input.template_id,
        subject: input.subject ?? null,
        segment_ids: input.segment_ids,
        exclude_segment_ids: input.exclude_segment_ids ?? [],
        ab_test: input.ab_test ?? null,
      }))
    )
    return new WorkflowResponse(createCampaignStep(input))
  }
)
