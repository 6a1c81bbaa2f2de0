import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  AdminCreateTemplate,
  AdminGetTemplatesParams,
  AdminPreviewTemplate,
  AdminUpdateTemplate,
} from "./validators"

export const adminTemplatesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/marketing/templates",
    middlewares: [
      validateAndTransformQuery(AdminGetTemplatesParams, {
        defaults: ["id", "name", "description", "transactional", "latest_version", "created_at", "updated_at"],
        isList: true,
      }),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/marketing/templates",
    middlewares: [validateAndTransformBody(AdminCreateTemplate)],
  },
  {
    method: ["POST"],
    matcher: "/admin/marketing/templates/:id",
    middlewares: [validateAndTransformBody(AdminUpdateTemplate)],
  },
  {
    method: ["POST"],
    matcher: "/admin/marketing/templates/:id/preview",
    middlewares: [validateAndTransformBody(AdminPreviewTemplate)],
  },
]
