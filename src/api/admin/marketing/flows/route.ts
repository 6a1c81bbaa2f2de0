import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import MarketingModuleService from "../../../../modules/marketing/service"
import { createFlowWorkflow } from "../../../../workflows/flows"
import { AdminCreateFlowType, AdminGetFlowsParamsType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetFlowsParamsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { q, status } = req.validatedQuery
  const { data: flows, metadata } = await query.graph({
    entity: "flow",
    fields: req.queryConfig.fields,
    filters: { ...(q ? { q } : {}), ...(status ? { status } : {}) },
    pagination: req.queryConfig.pagination,
  })
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const counts = await marketing.flowRunCountsByFlow(flows.map((flow) => flow.id))
  res.json({
    flows: flows.map((flow) => ({ ...flow, run_counts: counts.get(flow.id) ?? null })),
    count: metadata?.count ?? flows.length,
    limit: metadata?.take ?? req.queryConfig.pagination.take,
    offset: metadata?.skip ?? req.queryConfig.pagination.skip,
  })
}

/** Creates a draft; its definition must have the flow language's shape (a 400 names the step). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateFlowType>, res: MedusaResponse) => {
  const { result } = await createFlowWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ flow: result })
}
