import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadCampaignStep, updateCampaignStep, validateCampaignStep } from "../steps"
import type { CampaignChanges, CampaignStatus, UpdateCampaignWorkflowInput } from "../types"

export const updateCampaignWorkflowId = "update-campaign"

const EDITABLE = [
  "name", "template_id", "subject", "segment_ids", "exclude_segment_ids", "transactional", "scheduled_at", "local_time", "ab_test",
] as const

/**
 * Changes a draft or scheduled campaign (a 400 once it is sending); the
 * campaign as it will be must still name existing templates and segments
 * and have variants that differ.
 */
export const updateCampaignWorkflow = createWorkflow(
  updateCampaignWorkflowId,
  (input: UpdateCampaignWorkflowInput) => {
    const current = loadCampaignStep(input.id)
    validateCampaignStep(
      transform({ input, current }, ({ input, current }) => {
        const pick = <K extends keyof typeof input & keyof typeof current>(key: K) =>
          input[key] !== undefined ? input[key] : current[key]
        return {
          template_id: pick("template_id") as string,
          subject: pick("subject") as string | null,
          segment_ids: pick("segment_ids") as string[],
          exclude_segment_ids: (pick("exclude_segment_ids") as string[] | null) ?? [],
          ab_test: pick("ab_test") ?? null,
          status: current.status,
          scheduled_at: pick("scheduled_at") ?? null,
        }
      })
    )
    const campaign = updateCampaignStep(
      transform({ input }, ({ input }) => ({
        id: input.id,
        allowed: ["draft", "scheduled"] as CampaignStatus[],
        action: "changed",
        changes: Object.fromEntries(
          EDITABLE.filter((field) => input[field] !== undefined).map((field) => [field, input[field]])
        ) as CampaignChanges,
      }))
    )
    return new WorkflowResponse(campaign)
  }
)
