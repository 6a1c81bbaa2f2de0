import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LEAD_SCORE_RULES_CHANGED } from "../events"
import { eventTypesToRescore } from "../rescore-scope"
import { createLeadScoreRuleStep, validateLeadScoreRuleStep } from "../steps"
import type { CreateLeadScoreRuleInput } from "../types"

export const createLeadScoreRuleWorkflowId = "create-lead-score-rule"

/**
 * Stores a lead-score rule the scoring engine accepts (a 400 naming the
 * field otherwise), then has the contacts with events of its type rescored
 * in the background (see the lead-score-rules-changed subscriber).
 *
 * @example
 * await createLeadScoreRuleWorkflow(container).run({
 *   input: { name: "Signed up", points: 10, event_type: "signed_up" },
 * })
 */
export const createLeadScoreRuleWorkflow = createWorkflow(
  createLeadScoreRuleWorkflowId,
  (input: CreateLeadScoreRuleInput) => {
    const valid = validateLeadScoreRuleStep(input)
    const rule = createLeadScoreRuleStep(valid)
    const data = transform({ rule }, ({ rule }) => ({ event_types: eventTypesToRescore(null, rule) }))
    when({ data }, ({ data }) => data.event_types.length > 0).then(() => {
      emitEventStep({ eventName: LEAD_SCORE_RULES_CHANGED, data })
    })
    return new WorkflowResponse(rule)
  }
)
