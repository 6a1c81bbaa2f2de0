import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { scheduleCampaignWorkflow } from "../../../../../../workflows/campaigns"
import { refetchCampaign } from "../../helpers"
import { AdminScheduleCampaignType } from "../../validators"

/** Schedules the campaign at `scheduled_at`, or now; the sending job starts it when the time comes. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminScheduleCampaignType>, res: MedusaResponse) => {
  await scheduleCampaignWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  res.json({ campaign: await refetchCampaign(req, req.params.id) })
}
