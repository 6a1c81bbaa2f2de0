import { z } from "@medusajs/framework/zod"
import { RESULTS_GROUPINGS } from "../../../../modules/marketing/repositories/results-sql"
import { dateParam } from "../query-params"

export const AdminGetResultsParams = z
  .object({
    reason_type: z.enum(["flow", "campaign"], { message: "reason_type: expected flow or campaign" }),
    reason_id: z.string().trim().min(1, "reason_id: the flow's or campaign's id is required"),
    group_by: z
      .enum(RESULTS_GROUPINGS, { message: "group_by: expected step, variant or none" })
      .default("none"),
    /** Messages sent from this time on (ISO date-time). */
    from: dateParam("from").optional(),
    /** Messages sent before this time (ISO date-time). */
    to: dateParam("to").optional(),
  })
  .strict()
  .refine((params) => !params.from || !params.to || params.from < params.to, {
    message: "from: must be before to",
    path: ["from"],
  })
export type AdminGetResultsParamsType = z.infer<typeof AdminGetResultsParams>
