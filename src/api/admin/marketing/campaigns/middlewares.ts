import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listCampaignsQueryConfig } from "./query-config"
import {
  AdminCampaignAudience,
  AdminCreateCampaign,
  AdminGetCampaignsParams,
  AdminScheduleCampaign,
  AdminUpdateCampaign,
} from "./validators"

export const adminCampaignsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/marketing/campaigns",
    middlewares: [validateAndTransformQuery(AdminGetCampaignsParams, listCampaignsQueryConfig)],
  },
  { method: ["POST"], matcher: "/admin/marketing/campaigns", middlewares: [validateAndTransformBody(AdminCreateCampaign)] },
  {
    method: ["POST"],
    matcher: "/admin/marketing/campaigns/audience",
    middlewares: [validateAndTransformBody(AdminCampaignAudience)],
  },
  {
    method: ["POST"],
    matcher: "/admin/marketing/campaigns/:id",
    middlewares: [validateAndTransformBody(AdminUpdateCampaign)],
  },
  {
    method: ["POST"],
    matcher: "/admin/marketing/campaigns/:id/schedule",
    middlewares: [validateAndTransformBody(AdminScheduleCampaign)],
  },
]
