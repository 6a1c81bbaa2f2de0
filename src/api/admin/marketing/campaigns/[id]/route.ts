import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteCampaignWorkflow, updateCampaignWorkflow } from "../../../../../workflows/campaigns"
import { refetchCampaign } from "../helpers"
import { AdminUpdateCampaignType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ campaign: await refetchCampaign(req, req.params.id) })
}

/** Changes a draft or scheduled campaign; once it is sending, 400. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateCampaignType>, res: MedusaResponse) => {
  await updateCampaignWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  res.json({ campaign: await refetchCampaign(req, req.params.id) })
}

/** Deletes a draft; other campaigns are kept with their messages and results (cancel them instead). */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchCampaign(req, req.params.id)
  await deleteCampaignWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "campaign", deleted: true })
}
