import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminGetOverviewParams } from "./validators"

export const adminOverviewMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/marketing/overview",
    middlewares: [validateAndTransformQuery(AdminGetOverviewParams, {})],
  },
]
