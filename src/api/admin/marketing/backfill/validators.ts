import { z } from "@medusajs/framework/zod"

export const AdminStartBackfill = z.object({}).strict()

export type AdminStartBackfillType = z.infer<typeof AdminStartBackfill>
