import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { marketingService } from "./service"

export const deleteLeadScoreRuleStepId = "delete-lead-score-rule"

/** Soft-deletes a rule; compensation restores it. */
export const deleteLeadScoreRuleStep = createStep(
  deleteLeadScoreRuleStepId,
  async (id: string, { container }) => {
    await marketingService(container).softDeleteLeadScoreRules(id)
    return new StepResponse(id, id)
  },
  async (id, { container }) => {
    if (id) {
      await marketingService(container).restoreLeadScoreRules(id)
    }
  }
)
