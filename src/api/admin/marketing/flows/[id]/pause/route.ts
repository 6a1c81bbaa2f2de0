import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { pauseFlowWorkflow } from "../../../../../../workflows/flows"
import { flowWithCounts } from "../../helpers"

/** Stops new entries; runs wait where they are until the flow is active again. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await flowWithCounts(req.scope, req.params.id)
  await pauseFlowWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ flow: await flowWithCounts(req.scope, req.params.id) })
}
