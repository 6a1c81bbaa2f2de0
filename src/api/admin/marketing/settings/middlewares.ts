import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { marketingSettingsPatchSchema } from "../../../../modules/marketing/settings"

export const adminSettingsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/marketing/settings",
    middlewares: [validateAndTransformBody(marketingSettingsPatchSchema)],
  },
]
