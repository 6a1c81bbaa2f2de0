import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { activateFlowWorkflow } from "../../../../../../workflows/flows"
import { flowWithCounts } from "../../helpers"

/** Validates the whole flow (a 400 names the step), publishes it and lets contacts in. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await flowWithCounts(req.scope, req.params.id)
  await activateFlowWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ flow: await flowWithCounts(req.scope, req.params.id) })
}
