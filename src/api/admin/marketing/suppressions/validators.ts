import { z } from "@medusajs/framework/zod"
import { createListParams } from "../query-params"

export const AdminGetSuppressionsParams = createListParams({
  limit: 20,
  order: "-suppressed_at",
  orderable: ["suppressed_at", "email", "soft_bounces"],
})
  .extend({ q: z.string().trim().max(200).optional() })
  .strict()
export type AdminGetSuppressionsParamsType = z.infer<typeof AdminGetSuppressionsParams>

export const AdminAddSuppressions = z
  .object({
    emails: z.array(z.string().trim().email("emails: each entry must be an email address")).min(1).max(1000),
    reason: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
export type AdminAddSuppressionsType = z.infer<typeof AdminAddSuppressions>
