import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { LeadScoreRuleFields } from "../types"
import { assertValidLeadScoreRule } from "../validate"

export const validateLeadScoreRuleStepId = "validate-lead-score-rule"

/**
 * Checks a rule with the scoring engine's validation, so a workflow run
 * from code cannot store a rule the engine would refuse. Reads only.
 */
export const validateLeadScoreRuleStep = createStep(
  validateLeadScoreRuleStepId,
  async (input: LeadScoreRuleFields) => new StepResponse(assertValidLeadScoreRule(input))
)
