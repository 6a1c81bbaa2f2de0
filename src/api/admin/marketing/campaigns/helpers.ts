import { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import MarketingModuleService from "../../../../modules/marketing/service"
import { campaignFields } from "./query-config"

/**
 * Campaigns are read through the module rather than `query.graph`: the
 * Promotion Module's campaign owns the entity name "campaign" there.
 */
export const marketingModule = (req: AuthenticatedMedusaRequest) =>
  req.scope.resolve(MARKETING_MODULE) as MarketingModuleService

/** A campaign as the admin API returns it; 404 when there is none. */
export async function refetchCampaign(req: AuthenticatedMedusaRequest, id: string) {
  return await marketingModule(req).retrieveCampaign(id, { select: campaignFields })
}
