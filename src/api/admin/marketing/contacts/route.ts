import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AdminGetContactsParamsType } from "./validators"

export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetContactsParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { q, consent_status, customer_id } = req.validatedQuery
  const filters: Record<string, unknown> = {}
  if (q) {
    filters.q = q
  }
  if (consent_status) {
    filters.consent_status = consent_status
  }
  if (customer_id) {
    filters.customer_id = customer_id
  }

  // Many contacts share a created_at (a backfill writes pages at once): the
  // id breaks ties so offset pages neither skip nor repeat rows.
  const pagination = {
    ...req.queryConfig.pagination,
    order: {
      ...req.queryConfig.pagination.order,
      id: req.queryConfig.pagination.order?.id ?? "DESC",
    },
  }
  const { data: contacts, metadata } = await query.graph({
    entity: "contact",
    fields: req.queryConfig.fields,
    filters,
    pagination,
  })

  res.json({
    contacts,
    count: metadata?.count ?? contacts.length,
    limit: metadata?.take ?? req.queryConfig.pagination.take,
    offset: metadata?.skip ?? req.queryConfig.pagination.skip,
  })
}
