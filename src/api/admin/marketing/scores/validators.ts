import { z } from "@medusajs/framework/zod"

/** A refresh takes no options: it recomputes every contact's scores. */
export const AdminRefreshScores = z.object({}).strict()
export type AdminRefreshScoresType = z.infer<typeof AdminRefreshScores>
