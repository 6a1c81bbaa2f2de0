import { z } from "@medusajs/framework/zod"
import { createListParams, dateParam } from "../query-params"
import { MESSAGE_STATUSES } from "../../../../modules/marketing/models/message"

export const AdminGetMessagesParams = createListParams({
  limit: 20,
  order: "-created_at",
  orderable: ["created_at", "send_after", "sent_at", "status", "to_email", "opened_at", "clicked_at"],
})
  .extend({
    status: z.union([z.enum(MESSAGE_STATUSES), z.array(z.enum(MESSAGE_STATUSES))]).optional(),
    contact_id: z.string().min(1).optional(),
    template_id: z.string().min(1).optional(),
    /** Part of the recipient's address. */
    q: z.string().trim().max(200).optional(),
    created_after: dateParam("created_after").optional(),
    created_before: dateParam("created_before").optional(),
  })
  .strict()
export type AdminGetMessagesParamsType = z.infer<typeof AdminGetMessagesParams>
