import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { MESSAGE_STATUSES } from "../../../../modules/marketing/models/message"

export const AdminGetMessagesParams = createFindParams({ limit: 20, offset: 0, order: "-created_at" })
  .extend({
    status: z.union([z.enum(MESSAGE_STATUSES), z.array(z.enum(MESSAGE_STATUSES))]).optional(),
    contact_id: z.string().min(1).optional(),
    template_id: z.string().min(1).optional(),
    /** Part of the recipient's address. */
    q: z.string().trim().max(200).optional(),
    created_after: z.coerce.date().optional(),
    created_before: z.coerce.date().optional(),
  })
  .strict()
export type AdminGetMessagesParamsType = z.infer<typeof AdminGetMessagesParams>
