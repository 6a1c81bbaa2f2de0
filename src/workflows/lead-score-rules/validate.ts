import { MedusaError } from "@medusajs/framework/utils"
import { LeadScoreRuleIssue, parseLeadScoreRule, validateLeadScoreRule } from "../../lib/scoring"
import type { LeadScoreRuleFields } from "./types"

// The scoring engine names fields as its rule shape has them
// ("rule.when.property.operator"); the API's fields are flat ("property.operator").
const apiPath = (path: string) => path.replace(/^rule\.?/, "").replace(/^when\.?/, "")

/** Rule fields as received, before anything is known about them. */
export type UncheckedLeadScoreRuleFields = { [K in Exclude<keyof LeadScoreRuleFields, "enabled">]?: unknown }

const engineRule = (fields: UncheckedLeadScoreRuleFields) => ({
  id: "rule",
  name: fields.name,
  points: fields.points,
  when: { event_type: fields.event_type, property: fields.property ?? undefined },
  expires_after_days: fields.expires_after_days ?? undefined,
  max_times: fields.max_times ?? undefined,
})

/**
 * What is wrong with a rule, by the scoring engine's own checks (the rules
 * are stored for that engine), each issue naming the API field.
 */
export function leadScoreRuleIssues(fields: UncheckedLeadScoreRuleFields): LeadScoreRuleIssue[] {
  return validateLeadScoreRule(engineRule(fields)).map((issue) => ({ ...issue, path: apiPath(issue.path) }))
}

/**
 * The rule as the engine will read it (a condition without an empty value),
 * or a 400 naming every bad field.
 */
export function assertValidLeadScoreRule<T extends LeadScoreRuleFields>(fields: T): T {
  const issues = leadScoreRuleIssues(fields)
  if (issues.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")
    )
  }
  const parsed = parseLeadScoreRule(engineRule(fields))
  return { ...fields, property: parsed.when.property ?? null }
}
