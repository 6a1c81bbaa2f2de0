import { z } from "@medusajs/framework/zod"
import { createListParams, dateParam } from "../query-params"
import { FLOW_STATUSES } from "../../../../modules/marketing/models/flow"
import { FLOW_RUN_STATUSES } from "../../../../modules/marketing/models/flow-run"

// The definition is checked by the flow language itself, which names the step.
const definition = z.unknown().refine((value) => value !== undefined, "definition: required")

export const AdminCreateFlow = z
  .object({
    name: z.string().trim().min(1, "name: must not be empty").max(200),
    description: z.string().max(2000).nullish(),
    definition,
  })
  .strict()
export type AdminCreateFlowType = z.infer<typeof AdminCreateFlow>

export const AdminUpdateFlow = z
  .object({
    name: z.string().trim().min(1, "name: must not be empty").max(200).optional(),
    description: z.string().max(2000).nullish(),
    definition: z.unknown().optional(),
  })
  .strict()
export type AdminUpdateFlowType = z.infer<typeof AdminUpdateFlow>

export const AdminValidateFlow = z.object({ definition }).strict()
export type AdminValidateFlowType = z.infer<typeof AdminValidateFlow>

// Years 1900 to 9999, as everywhere else a date is taken.
const startDate = dateParam("start")
const epochOrIso = z
  .union([z.number().int(), z.string().datetime({ offset: true })], {
    error: "start: must be a date-time with a zone or epoch milliseconds",
  })
  .refine((value) => startDate.safeParse(value).success, "start: must be between the years 1900 and 9999")

export const AdminDryRunFlow = z
  .object({
    contact_id: z.string().min(1, "contact_id: must not be empty"),
    /** Unsaved edits to try; the flow's saved definition when left out. */
    definition: z.unknown().optional(),
    /** The payload of the event that starts the run, e.g. `{ cart_id }`. */
    trigger_data: z.record(z.string(), z.unknown()).optional(),
    start: epochOrIso.optional(),
    horizon_days: z.number().int().min(1, "horizon_days: at least 1").max(400, "horizon_days: at most 400").default(30),
    /** Things that happen later in the simulation, e.g. an order two days in. */
    events: z
      .array(z.object({ after_hours: z.number().min(0).max(24 * 400), name: z.string().min(1).max(200), data: z.record(z.string(), z.unknown()).optional() }).strict())
      .max(50)
      .default([]),
  })
  .strict()
export type AdminDryRunFlowType = z.infer<typeof AdminDryRunFlow>

export const AdminGetFlowsParams = createListParams({
  limit: 50,
  order: "-created_at",
  orderable: ["name", "status", "activated_at", "created_at", "updated_at"],
})
  .extend({ q: z.string().trim().max(200).optional(), status: z.enum(FLOW_STATUSES).optional() })
  .strict()
export type AdminGetFlowsParamsType = z.infer<typeof AdminGetFlowsParams>

export const AdminGetFlowRunsParams = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
    status: z.enum(FLOW_RUN_STATUSES).optional(),
  })
  .strict()
export type AdminGetFlowRunsParamsType = z.infer<typeof AdminGetFlowRunsParams>
