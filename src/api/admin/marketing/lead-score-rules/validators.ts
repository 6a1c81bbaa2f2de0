import { z } from "@medusajs/framework/zod"
import { createListParams } from "../query-params"
import { SCORING_LOOKBACK_DAYS } from "../../../../lib/scoring"
import { leadScoreRuleIssues } from "../../../../workflows/lead-score-rules"

const MAX_POINTS = 10_000

const name = z
  .string("name: must be text")
  .trim()
  .min(1, "name: must not be empty")
  .max(200, "name: must be at most 200 characters")
const points = z
  .number("points: must be a number")
  .int("points: must be a whole number")
  .min(-MAX_POINTS, `points: must be at least -${MAX_POINTS}`)
  .max(MAX_POINTS, `points: must be at most ${MAX_POINTS}`)
// Emptiness and the condition's shape are the scoring engine's checks, below.
const eventType = z.string("event_type: must be text").trim().max(100, "event_type: must be at most 100 characters")
const expiresAfterDays = z
  .number("expires_after_days: must be a number of days")
  .int("expires_after_days: must be a whole number of days")
  .min(1, "expires_after_days: must be at least 1")
  // Scoring reads this much activity: a longer expiry could never count more.
  .max(SCORING_LOOKBACK_DAYS, `expires_after_days: must be at most ${SCORING_LOOKBACK_DAYS}, the days of activity scores look at`)
  .nullish()
const maxTimes = z
  .number("max_times: must be a number")
  .int("max_times: must be a whole number")
  .min(1, "max_times: must be at least 1")
  .max(MAX_POINTS, `max_times: must be at most ${MAX_POINTS}`)
  .nullish()
const enabled = z.boolean("enabled: must be true or false").optional()

/**
 * The event type and the property condition, checked by the lead-score
 * engine's own validation, which names the field ("property.operator").
 */
function checkWithScoringEngine(
  body: { event_type?: unknown; property?: unknown },
  ctx: z.RefinementCtx
) {
  const issues = leadScoreRuleIssues({
    name: "rule",
    points: 0,
    // An update may leave the type as it is; any text stands in for it.
    event_type: body.event_type === undefined ? "any" : body.event_type,
    property: body.property,
  })
  for (const issue of issues) {
    if (/^(event_type|property)\b/.test(issue.path)) {
      ctx.addIssue({ code: "custom", path: issue.path.split("."), message: `${issue.path}: ${issue.message}` })
    }
  }
}

export const AdminCreateLeadScoreRule = z
  .object({
    name,
    points,
    event_type: eventType,
    property: z.unknown().optional(),
    expires_after_days: expiresAfterDays,
    max_times: maxTimes,
    enabled,
  })
  .strict()
  .superRefine(checkWithScoringEngine)
export type AdminCreateLeadScoreRuleType = z.infer<typeof AdminCreateLeadScoreRule>

// Written out rather than `.partial()`, which in zod 4 would apply defaults.
export const AdminUpdateLeadScoreRule = z
  .object({
    name: name.optional(),
    points: points.optional(),
    event_type: eventType.optional(),
    property: z.unknown().optional(),
    expires_after_days: expiresAfterDays,
    max_times: maxTimes,
    enabled,
  })
  .strict()
  .superRefine(checkWithScoringEngine)
export type AdminUpdateLeadScoreRuleType = z.infer<typeof AdminUpdateLeadScoreRule>

export const AdminGetLeadScoreRulesParams = createListParams({
  limit: 100,
  order: "name",
  orderable: ["name", "points", "event_type", "enabled", "created_at", "updated_at"],
}).strict()
export type AdminGetLeadScoreRulesParamsType = z.infer<typeof AdminGetLeadScoreRulesParams>
