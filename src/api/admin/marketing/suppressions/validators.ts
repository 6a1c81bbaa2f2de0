import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

export const AdminGetSuppressionsParams = createFindParams({ limit: 20, offset: 0, order: "-suppressed_at" })
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
