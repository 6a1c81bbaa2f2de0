import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelCampaignWorkflow } from "../../../../../../workflows/campaigns"
import { refetchCampaign } from "../../helpers"

/** Cancels the campaign; a sending one stops, and `skipped` says how many queued emails will not go. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await cancelCampaignWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ campaign: await refetchCampaign(req, req.params.id), skipped: result.skipped })
}
