import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CampaignFields } from "../types"
import { marketingService, toCampaignWrite } from "./service"

export const createCampaignStepId = "create-campaign"

/** Stores a new campaign as a draft. */
export const createCampaignStep = createStep(
  createCampaignStepId,
  async (input: CampaignFields, { container }) => {
    const campaign = await marketingService(container).createCampaigns(
      toCampaignWrite({
        name: input.name,
        template_id: input.template_id,
        subject: input.subject ?? null,
        segment_ids: input.segment_ids,
        exclude_segment_ids: input.exclude_segment_ids ?? [],
        transactional: input.transactional ?? false,
        scheduled_at: input.scheduled_at ?? null,
        local_time: input.local_time ?? false,
        ab_test: input.ab_test ?? null,
        status: "draft",
      }) as any
    )
    return new StepResponse(campaign, campaign.id)
  },
  async (id, { container }) => {
    if (id) {
      await marketingService(container).deleteCampaigns(id)
    }
  }
)
