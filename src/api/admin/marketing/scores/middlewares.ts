import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { AdminRefreshScores } from "./validators"

export const adminScoresMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/marketing/scores/refresh",
    middlewares: [validateAndTransformBody(AdminRefreshScores)],
  },
]
