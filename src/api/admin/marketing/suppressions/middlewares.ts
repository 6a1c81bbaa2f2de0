import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminAddSuppressions, AdminGetSuppressionsParams } from "./validators"

export const adminSuppressionsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/marketing/suppressions",
    middlewares: [
      validateAndTransformQuery(AdminGetSuppressionsParams, {
        defaults: ["id", "email", "first_name", "last_name", "suppressed_at", "suppression_reason", "soft_bounces"],
        isList: true,
      }),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/marketing/suppressions",
    middlewares: [validateAndTransformBody(AdminAddSuppressions)],
  },
]
