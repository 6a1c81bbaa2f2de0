import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LEAD_SCORE_RULES_CHANGED } from "../events"
import { eventTypesToRescore } from "../rescore-scope"
import { deleteLeadScoreRuleStep, loadLeadScoreRuleStep } from "../steps"

export const deleteLeadScoreRuleWorkflowId = "delete-lead-score-rule"

/** Deletes a rule; contacts it gave points to are rescored in the background. */
export const deleteLeadScoreRuleWorkflow = createWorkflow(
  deleteLeadScoreRuleWorkflowId,
  (input: { id: string }) => {
    const current = loadLeadScoreRuleStep(input.id)
    const id = deleteLeadScoreRuleStep(input.id)
    const data = transform({ current }, ({ current }) => ({ event_types: eventTypesToRescore(current, null) }))
    when({ data }, ({ data }) => data.event_types.length > 0).then(() => {
      emitEventStep({ eventName: LEAD_SCORE_RULES_CHANGED, data })
    })
    return new WorkflowResponse(id)
  }
)
