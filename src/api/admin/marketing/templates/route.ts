import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createTemplateWorkflow } from "../../../../workflows/templates"
import { refetchTemplate } from "./helpers"
import { AdminCreateTemplateType, AdminGetTemplatesParamsType } from "./validators"

export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetTemplatesParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { q } = req.validatedQuery
  const { data: templates, metadata } = await query.graph({
    entity: "template",
    fields: req.queryConfig.fields,
    filters: q ? { q } : {},
    pagination: req.queryConfig.pagination,
  })
  res.json({
    templates,
    count: metadata?.count ?? templates.length,
    limit: metadata?.take ?? req.queryConfig.pagination.take,
    offset: metadata?.skip ?? req.queryConfig.pagination.skip,
  })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCreateTemplateType>,
  res: MedusaResponse
) => {
  const { result } = await createTemplateWorkflow(req.scope).run({
    input: req.validatedBody,
  })
  res.status(201).json({ template: await refetchTemplate(req.scope, result.template.id) })
}
