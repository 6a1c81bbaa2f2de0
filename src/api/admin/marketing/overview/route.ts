import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import MarketingModuleService from "../../../../modules/marketing/service"
import { AdminGetOverviewParamsType } from "./validators"

/**
 * The Marketing landing page's numbers: attributed revenue this month and
 * last, the top flows and campaigns, the latest sends and the last 30 days.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetOverviewParamsType>,
  res: MedusaResponse
) => {
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const overview = await marketing.attributionOverview({
    time_zone: req.validatedQuery.time_zone,
    now: new Date(),
  })
  res.json({ overview })
}
