import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminGetResultsParams } from "./validators"

export const adminResultsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/marketing/results",
    middlewares: [validateAndTransformQuery(AdminGetResultsParams, {})],
  },
]
