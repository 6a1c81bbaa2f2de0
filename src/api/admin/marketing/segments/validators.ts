import { z } from "@medusajs/framework/zod"
import { createListParams } from "../query-params"

// The rules are checked by the segment rule language itself, which names the bad node.
export const AdminCreateSegment = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).nullish(),
    rules: z.unknown().refine((value) => value !== undefined, "rules: required"),
    sync_customer_group: z.boolean().optional(),
  })
  .strict()
export type AdminCreateSegmentType = z.infer<typeof AdminCreateSegment>

export const AdminUpdateSegment = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(2000).nullish(),
    rules: z.unknown().optional(),
    sync_customer_group: z.boolean().optional(),
  })
  .strict()
export type AdminUpdateSegmentType = z.infer<typeof AdminUpdateSegment>

export const AdminPreviewSegment = z
  .object({
    rules: z.unknown().refine((value) => value !== undefined, "rules: required"),
    /** The segment being edited, so a rule that would make it depend on itself is caught while editing. */
    segment_id: z.string().min(1).max(200).optional(),
    sample_size: z.number().int().min(0).max(50).default(10),
  })
  .strict()
export type AdminPreviewSegmentType = z.infer<typeof AdminPreviewSegment>

export const AdminGetSegmentsParams = createListParams({
  limit: 50,
  order: "name",
  orderable: ["name", "member_count", "last_refreshed_at", "created_at", "updated_at"],
})
  .extend({ q: z.string().trim().max(200).optional() })
  .strict()
export type AdminGetSegmentsParamsType = z.infer<typeof AdminGetSegmentsParams>

export const AdminGetSegmentMembersParams = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(50),
    offset: z.coerce.number().int().min(0).default(0),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .strict()
export type AdminGetSegmentMembersParamsType = z.infer<typeof AdminGetSegmentMembersParams>
