import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadCampaignStep, updateCampaignStep, validateCampaignStep } from "../steps"
import type { CampaignStatus, ScheduleCampaignWorkflowInput } from "../types"

export const scheduleCampaignWorkflowId = "schedule-campaign"

/**
 * Schedules a draft (or moves a scheduled campaign): at `scheduled_at`, or
 * now; a time that has already passed (for everyone, with local time) is
 * refused rather than sent at once. The sending job starts it when that time comes — for a local-time
 * campaign, when the first time zone reaches it. What it names must still
 * exist, since it may have been deleted while the campaign was a draft.
 */
export const scheduleCampaignWorkflow = createWorkflow(
  scheduleCampaignWorkflowId,
  (input: ScheduleCampaignWorkflowInput) => {
    const current = loadCampaignStep(input.id)
    const schedule = transform({ input, current }, ({ input, current }) => {
      const now = new Date(input.now ?? Date.now()).toISOString()
      const stored = current.scheduled_at ? new Date(current.scheduled_at).toISOString() : null
      return {
        now,
        scheduled_at: input.scheduled_at === undefined ? stored ?? now : input.scheduled_at ?? now,
        local_time: input.local_time ?? current.local_time,
      }
    })
    validateCampaignStep(
      transform({ current, schedule }, ({ current, schedule }) => ({
        template_id: current.template_id,
        subject: current.subject,
        segment_ids: current.segment_ids,
        exclude_segment_ids: current.exclude_segment_ids ?? [],
        ab_test: current.ab_test,
        scheduled_at: schedule.scheduled_at,
        local_time: schedule.local_time,
        scheduling_at: schedule.now,
      }))
    )
    const campaign = updateCampaignStep(
      transform({ input, schedule }, ({ input, schedule }) => ({
        id: input.id,
        allowed: ["draft", "scheduled"] as CampaignStatus[],
        action: "scheduled",
        changes: {
          status: "scheduled" as const,
          scheduled_at: schedule.scheduled_at,
          local_time: schedule.local_time,
        },
      }))
    )
    return new WorkflowResponse(campaign)
  }
)
