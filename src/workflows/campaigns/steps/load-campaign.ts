import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { AbTest } from "../../../lib/campaigns"
import type { CampaignStatus } from "../types"
import { marketingService } from "./service"

/** A stored campaign, with its JSON fields typed. */
export type StoredCampaign = {
  id: string
  name: string
  status: CampaignStatus
  template_id: string
  subject: string | null
  segment_ids: string[]
  exclude_segment_ids: string[] | null
  transactional: boolean
  scheduled_at: string | Date | null
  local_time: boolean
  ab_test: AbTest | null
  winner_variant: string | null
  decided_at: string | Date | null
  audience_count: number | null
  started_at: string | Date | null
}

export const loadCampaignStepId = "load-campaign"

/** Reads a campaign; 404 when there is none. */
export const loadCampaignStep = createStep(loadCampaignStepId, async (id: string, { container }) => {
  const campaign = await marketingService(container).retrieveCampaign(id)
  return new StepResponse(campaign as unknown as StoredCampaign)
})
