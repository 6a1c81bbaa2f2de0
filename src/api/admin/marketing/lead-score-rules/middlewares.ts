import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { leadScoreRuleFields } from "./query-config"
import { AdminCreateLeadScoreRule, AdminGetLeadScoreRulesParams, AdminUpdateLeadScoreRule } from "./validators"

export const adminLeadScoreRulesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/marketing/lead-score-rules",
    middlewares: [
      validateAndTransformQuery(AdminGetLeadScoreRulesParams, { defaults: leadScoreRuleFields, isList: true }),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/marketing/lead-score-rules",
    middlewares: [validateAndTransformBody(AdminCreateLeadScoreRule)],
  },
  {
    method: ["POST"],
    matcher: "/admin/marketing/lead-score-rules/:id",
    middlewares: [validateAndTransformBody(AdminUpdateLeadScoreRule)],
  },
]
