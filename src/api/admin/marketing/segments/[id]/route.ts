import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { deleteSegmentWorkflow, updateSegmentWorkflow } from "../../../../../workflows/segments"
import { AdminUpdateSegmentType } from "../validators"

async function refetch(req: AuthenticatedMedusaRequest, id: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [segment] } = await query.graph({ entity: "segment", fields: ["*"], filters: { id } })
  if (!segment) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Segment with id: ${id} was not found`)
  }
  return segment
}

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ segment: await refetch(req, req.params.id) })
}

/** New rules are validated and the membership follows them at once. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateSegmentType>, res: MedusaResponse) => {
  await refetch(req, req.params.id)
  await updateSegmentWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  res.json({ segment: await refetch(req, req.params.id) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetch(req, req.params.id)
  await deleteSegmentWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "segment", deleted: true })
}
