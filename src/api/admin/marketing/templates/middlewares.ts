import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  AdminCreateTemplate,
  AdminGetTemplatesParams,
  AdminPreviewTemplate,
  AdminTestSendTemplate,
  AdminUpdateTemplate,
} from "./validators"

export const adminTemplatesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/marketing/templates",
    middlewares: [
      validateAndTransformQuery(AdminGetTemplatesParams, {
        defaults: ["id", "name", "description", "transactional", "topic", "starter_key", "latest_version", "created_at", "updated_at"],
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
  {
    method: ["POST"],
    matcher: "/admin/marketing/templates/:id/test-send",
    middlewares: [validateAndTransformBody(AdminTestSendTemplate)],
  },
]
