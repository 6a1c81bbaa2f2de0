import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { suppressEmailsWorkflow } from "../../../../workflows/settings"
import { AdminAddSuppressionsType, AdminGetSuppressionsParamsType } from "./validators"

/** The suppression list: contacts nothing is ever sent to. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetSuppressionsParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { q } = req.validatedQuery
  const { data: contacts, metadata } = await query.graph({
    entity: "contact",
    fields: req.queryConfig.fields,
    filters: { suppressed_at: { $ne: null }, erased_at: null, ...(q ? { q } : {}) },
    pagination: {
      ...req.queryConfig.pagination,
      order: { ...req.queryConfig.pagination.order, id: "DESC" },
    },
  })
  res.json({
    contacts,
    count: metadata?.count ?? contacts.length,
    limit: metadata?.take ?? req.queryConfig.pagination.take,
    offset: metadata?.skip ?? req.queryConfig.pagination.skip,
  })
}

/** Adds addresses, known or not, to the suppression list. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminAddSuppressionsType>, res: MedusaResponse) => {
  const { result } = await suppressEmailsWorkflow(req.scope).run({
    input: { emails: req.validatedBody.emails, reason: req.validatedBody.reason ?? "manual" },
  })
  res.status(200).json({ suppressed: result.length })
}
