import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { AdminStartBackfill } from "./validators"

export const adminBackfillMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/marketing/backfill",
    middlewares: [validateAndTransformBody(AdminStartBackfill)],
  },
]
