import { z } from "@medusajs/framework/zod"
import { createListParams } from "../query-params"
import { contactFields } from "./query-config"
import { CONSENT_STATUSES } from "../../../../modules/marketing/models/contact"

const oneOrMany = <T extends z.ZodTypeAny>(schema: T) =>
  z.union([schema, z.array(schema)]).optional()

export const AdminGetContactsParams = createListParams({ limit: 20, order: "-created_at", orderable: contactFields })
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
