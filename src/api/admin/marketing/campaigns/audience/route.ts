import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { throwCampaignIssues, unknownSegmentIssues } from "../../../../../workflows/campaigns"
import { marketingModule } from "../helpers"
import { AdminCampaignAudienceType } from "../validators"

/**
 * How many contacts the segments less the exclusions hold now, and how many
 * of them the campaign would email, for the campaign wizard; nothing is stored.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCampaignAudienceType>, res: MedusaResponse) => {
  const marketing = marketingModule(req)
  const audience = {
    segment_ids: req.validatedBody.segment_ids,
    exclude_segment_ids: req.validatedBody.exclude_segment_ids ?? [],
  }
  throwCampaignIssues(
    await unknownSegmentIssues(marketing, [
      { path: "segment_ids", ids: audience.segment_ids },
      { path: "exclude_segment_ids", ids: audience.exclude_segment_ids },
    ])
  )
  res.json(await marketing.countCampaignAudience({ ...audience, transactional: req.validatedBody.transactional ?? false }))
}
