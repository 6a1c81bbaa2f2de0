import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../modules/marketing/service"
import { explainContactScoresNow } from "../../../../../workflows/scores"
import { AdminGetContactParamsType } from "../validators"

const DEFAULT_EVENTS = 50

export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetContactParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [contact],
  } = await query.graph({
    entity: "contact",
    // Built below, not stored.
    fields: req.queryConfig.fields.filter((field) => field !== "score_explanation"),
    filters: { id: req.params.id },
  })
  if (!contact) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Contact with id: ${req.params.id} was not found`
    )
  }

  const { data: events } = await query.graph({
    entity: "contact_event",
    fields: ["id", "type", "occurred_at", "resource_type", "resource_id", "data"],
    filters: { contact_id: contact.id },
    pagination: {
      take: req.validatedQuery.events_limit ?? DEFAULT_EVENTS,
      skip: 0,
      order: { occurred_at: "DESC", created_at: "DESC" },
    },
  })

  const { data: memberships } = await query.graph({
    entity: "segment_membership",
    fields: ["segment_id", "entered_at"],
    filters: { contact_id: contact.id, exited_at: null },
  })
  const { data: segmentRows } = memberships.length
    ? await query.graph({
        entity: "segment",
        fields: ["id", "name"],
        filters: { id: memberships.map((m) => m.segment_id) },
      })
    : { data: [] as { id: string; name: string }[] }
  const names = new Map(segmentRows.map((s) => [s.id, s.name]))
  const segments = memberships
    .filter((m) => names.has(m.segment_id))
    .map((m) => ({ id: m.segment_id, name: names.get(m.segment_id), entered_at: m.entered_at }))

  // The scores as of now, with what explains them; stored scores may be up to an hour older.
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const explained = await explainContactScoresNow(marketing, contact.id)

  res.json({
    contact: {
      ...contact,
      ...(explained?.scores ?? {}),
      score_explanation: explained?.explanation ?? null,
      events,
      segments,
    },
  })
}
