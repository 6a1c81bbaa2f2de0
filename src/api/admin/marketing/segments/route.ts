import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createSegmentWorkflow } from "../../../../workflows/segments"
import { AdminCreateSegmentType, AdminGetSegmentsParamsType } from "./validators"

export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetSegmentsParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { q } = req.validatedQuery
  const { data: segments, metadata } = await query.graph({
    entity: "segment",
    fields: req.queryConfig.fields,
    filters: q ? { q } : {},
    pagination: req.queryConfig.pagination,
  })
  res.json({
    segments,
    count: metadata?.count ?? segments.length,
    limit: metadata?.take ?? req.queryConfig.pagination.take,
    offset: metadata?.skip ?? req.queryConfig.pagination.skip,
  })
}

/** Creates a segment and fills it at once; bad rules answer 400 naming the node. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateSegmentType>, res: MedusaResponse) => {
  const { result } = await createSegmentWorkflow(req.scope).run({ input: req.validatedBody })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [segment] } = await query.graph({ entity: "segment", fields: ["*"], filters: { id: result.id } })
  res.status(201).json({ segment })
}
