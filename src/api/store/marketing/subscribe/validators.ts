import { z } from "@medusajs/framework/zod"
import { isDeliverableEmail } from "../../../../lib/contacts/email"

export const StoreSubscribe = z
  .object({
    email: z
      .string()
      .trim()
      .max(254)
      .refine(isDeliverableEmail, { message: "Invalid email address" }),
    first_name: z.string().trim().max(100).optional(),
    source: z.string().trim().min(1).max(100).optional(),
    consent_text: z.string().trim().max(2000).optional(),
  })
  .strict()

export type StoreSubscribeType = z.infer<typeof StoreSubscribe>
