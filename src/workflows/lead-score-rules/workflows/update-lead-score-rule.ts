import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LEAD_SCORE_RULES_CHANGED } from "../events"
import { eventTypesToRescore } from "../rescore-scope"
import { loadLeadScoreRuleStep, updateLeadScoreRuleStep, validateLeadScoreRuleStep } from "../steps"
import type { LeadScoreRuleFields, UpdateLeadScoreRuleInput } from "../types"

export const updateLeadScoreRuleWorkflowId = "update-lead-score-rule"

/**
 * Changes a rule; the rule as it will be (stored fields with the changes)
 * must pass the scoring engine's validation. Contacts whose score the
 * change can move are rescored in the background.
 */
export const updateLeadScoreRuleWorkflow = createWorkflow(
  updateLeadScoreRuleWorkflowId,
  (input: UpdateLeadScoreRuleInput) => {
    const current = loadLeadScoreRuleStep(input.id)
    const merged = transform({ input, current }, ({ input, current }): LeadScoreRuleFields => {
      const pick = <K extends keyof LeadScoreRuleFields>(key: K) =>
        (input[key] !== undefined ? input[key] : current[key]) as LeadScoreRuleFields[K]
      return {
        name: pick("name"),
        points: pick("points"),
        event_type: pick("event_type"),
        property: pick("property"),
        expires_after_days: pick("expires_after_days"),
        max_times: pick("max_times"),
        enabled: pick("enabled"),
      }
    })
    const valid = validateLeadScoreRuleStep(merged)
    const rule = updateLeadScoreRuleStep(
      transform({ input, valid }, ({ input, valid }) => ({ id: input.id, ...valid }))
    )
    const data = transform({ current, rule }, ({ current, rule }) => ({
      event_types: eventTypesToRescore(current, rule),
    }))
    when({ data }, ({ data }) => data.event_types.length > 0).then(() => {
      emitEventStep({ eventName: LEAD_SCORE_RULES_CHANGED, data })
    })
    return new WorkflowResponse(rule)
  }
)
