import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CampaignDraft, campaignIssues, throwCampaignIssues } from "../validate-campaign"
import { marketingService } from "./service"

export const validateCampaignStepId = "validate-campaign"

/**
 * Refuses a campaign naming templates or segments that do not exist, or an
 * A/B test whose variants do not differ, with a 400 naming each field; so a
 * workflow run from code cannot store what the admin API would refuse.
 * Reads only.
 */
export const validateCampaignStep = createStep(validateCampaignStepId, async (draft: CampaignDraft, { container }) => {
  throwCampaignIssues(await campaignIssues(marketingService(container), draft))
  return new StepResponse(true)
})
