import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AbTest } from "../../../../../../lib/campaigns"
import { readCampaignResults } from "../../../../../../workflows/campaigns"
import { marketingModule, refetchCampaign } from "../../helpers"

/** Totals, each A/B variant over its sample, the winner's send, and opens and clicks per hour. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const campaign = await refetchCampaign(req, req.params.id)
  const results = await readCampaignResults(marketingModule(req), {
    id: campaign.id,
    ab_test: (campaign.ab_test ?? null) as unknown as AbTest | null,
    winner_variant: campaign.winner_variant ?? null,
  })
  res.json({ campaign, results })
}
