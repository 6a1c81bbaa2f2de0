import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { archiveFlowWorkflow } from "../../../../../../workflows/flows"
import { flowWithCounts } from "../../helpers"

/** Retires the flow: no new entries, and running runs end with nothing more sent. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await flowWithCounts(req.scope, req.params.id)
  await archiveFlowWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ flow: await flowWithCounts(req.scope, req.params.id) })
}
