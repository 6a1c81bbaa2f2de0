import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteFlowWorkflow, updateFlowWorkflow } from "../../../../../workflows/flows"
import { flowWithCounts } from "../helpers"
import { AdminUpdateFlowType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ flow: await flowWithCounts(req.scope, req.params.id) })
}

/** Saves edits; on an active flow a new definition is published at once, or refused with a 400 naming the step. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateFlowType>, res: MedusaResponse) => {
  await flowWithCounts(req.scope, req.params.id)
  await updateFlowWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  res.json({ flow: await flowWithCounts(req.scope, req.params.id) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await flowWithCounts(req.scope, req.params.id)
  await deleteFlowWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "flow", deleted: true })
}
