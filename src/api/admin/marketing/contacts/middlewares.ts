import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminGetContactParams, AdminGetContactsParams } from "./validators"
import { listContactsQueryConfig, retrieveContactQueryConfig } from "./query-config"

export const adminContactsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/marketing/contacts",
    middlewares: [
      validateAndTransformQuery(AdminGetContactsParams, listContactsQueryConfig),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/marketing/contacts/:id",
    middlewares: [
      validateAndTransformQuery(AdminGetContactParams, retrieveContactQueryConfig),
    ],
  },
]
