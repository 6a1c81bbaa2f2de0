import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { LeadScoreRuleRow } from "../types"
import { marketingService } from "./service"

export const loadLeadScoreRuleStepId = "load-lead-score-rule"

/** The stored rule; a 404 when there is none with the id. Reads only. */
export const loadLeadScoreRuleStep = createStep(
  loadLeadScoreRuleStepId,
  async (id: string, { container }) => {
    const rule = await marketingService(container).retrieveLeadScoreRule(id)
    return new StepResponse(rule as unknown as LeadScoreRuleRow)
  }
)
