import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminGetMessagesParams } from "./validators"

export const MESSAGE_LIST_FIELDS = [
  "id", "contact_id", "template_version_id", "to_email", "subject", "reason_type", "reason_id",
  "transactional", "topic", "status", "attempts", "last_error", "send_after", "sent_at",
  "delivered_at", "opened_at", "clicked_at", "bounced_at", "created_at",
]

export const adminMessagesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/marketing/messages",
    middlewares: [
      validateAndTransformQuery(AdminGetMessagesParams, {
        defaults: MESSAGE_LIST_FIELDS,
        // The rows also hold the dispatcher's claim token and each send's data, which stay inside.
        allowed: MESSAGE_LIST_FIELDS,
        isList: true,
      }),
    ],
  },
]
