import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import MarketingModuleService from "../../../../modules/marketing/service"
import { templatesByVersion } from "./helpers"
import { AdminGetMessagesParamsType } from "./validators"

/** The outbox log, newest first, with filters. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetMessagesParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { status, contact_id, template_id, q, created_after, created_before } = req.validatedQuery
  const filters: Record<string, unknown> = {}
  if (status) {
    filters.status = status
  }
  if (contact_id) {
    filters.contact_id = contact_id
  }
  if (q) {
    filters.to_email = { $ilike: `%${q.toLowerCase()}%` }
  }
  if (created_after || created_before) {
    filters.created_at = {
      ...(created_after ? { $gte: created_after } : {}),
      ...(created_before ? { $lte: created_before } : {}),
    }
  }
  if (template_id) {
    const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
    const versions = await marketing.listTemplateVersions({ template_id }, { select: ["id"] })
    filters.template_version_id = versions.map((v) => v.id)
  }
  const { data: messages, metadata } = await query.graph({
    entity: "message",
    fields: req.queryConfig.fields,
    filters,
    pagination: {
      ...req.queryConfig.pagination,
      order: { ...req.queryConfig.pagination.order, id: "DESC" },
    },
  })
  const templates = await templatesByVersion(req.scope, messages.map((m) => m.template_version_id))
  res.json({
    messages: messages.map((m) => ({ ...m, template: templates.get(m.template_version_id) ?? null })),
    count: metadata?.count ?? messages.length,
    limit: metadata?.take ?? req.queryConfig.pagination.take,
    offset: metadata?.skip ?? req.queryConfig.pagination.skip,
  })
}
