import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import MarketingModuleService from "../../../../modules/marketing/service"
import { AdminGetResultsParamsType } from "./validators"

/**
 * A flow's or campaign's results: per step, per variant or as one group,
 * for the messages sent in the period; flows also compare entrants with
 * their holdout.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetResultsParamsType>,
  res: MedusaResponse
) => {
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const { reason_type, reason_id, group_by, from, to } = req.validatedQuery
  const results = await marketing.attributionResults({ reason_type, reason_id, group_by, from, to })
  res.json({
    results: {
      reason_type,
      reason_id,
      group_by,
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
      ...results,
    },
  })
}
