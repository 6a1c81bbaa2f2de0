import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CreateLeadScoreRuleInput, LeadScoreRuleRow } from "../types"
import { marketingService } from "./service"

export const createLeadScoreRuleStepId = "create-lead-score-rule"

/** Stores a new rule; compensation removes it. */
export const createLeadScoreRuleStep = createStep(
  createLeadScoreRuleStepId,
  async (input: CreateLeadScoreRuleInput, { container }) => {
    const rule = await marketingService(container).createLeadScoreRules({
      name: input.name,
      points: input.points,
      event_type: input.event_type,
      property: (input.property ?? null) as Record<string, unknown> | null,
      expires_after_days: input.expires_after_days ?? null,
      max_times: input.max_times ?? null,
      enabled: input.enabled ?? true,
    })
    return new StepResponse(rule as unknown as LeadScoreRuleRow, rule.id)
  },
  async (id, { container }) => {
    if (id) {
      await marketingService(container).deleteLeadScoreRules(id)
    }
  }
)
