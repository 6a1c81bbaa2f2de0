import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { CONSENT_STATUSES } from "../../../../modules/marketing/models/contact"

const oneOrMany = <T extends z.ZodTypeAny>(schema: T) =>
  z.union([schema, z.array(schema)]).optional()

export const AdminGetContactsParams = createFindParams({
  limit: 20,
  offset: 0,
  order: "-created_at",
})
  .extend({
    q: z.string().trim().max(200).optional(),
    consent_status: oneOrMany(z.enum(CONSENT_STATUSES)),
    customer_id: oneOrMany(z.string().min(1)),
  })
  .strict()

export type AdminGetContactsParamsType = z.infer<typeof AdminGetContactsParams>

export const AdminGetContactParams = z
  .object({
    fields: z.string().optional(),
    events_limit: z.preprocess(
      (value) => (value === undefined ? undefined : Number(value)),
      z.number().int().min(0).max(500).optional()
    ),
  })
  .strict()

export type AdminGetContactParamsType = z.infer<typeof AdminGetContactParams>
