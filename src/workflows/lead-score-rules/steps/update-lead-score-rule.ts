import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { LeadScoreRuleRow, UpdateLeadScoreRuleInput } from "../types"
import { marketingService } from "./service"

export const updateLeadScoreRuleStepId = "update-lead-score-rule"

const FIELDS = ["name", "points", "event_type", "property", "expires_after_days", "max_times", "enabled"] as const

type StoredFields = Pick<LeadScoreRuleRow, (typeof FIELDS)[number]>

/** Changes a rule's fields; compensation puts back every field it had. */
export const updateLeadScoreRuleStep = createStep(
  updateLeadScoreRuleStepId,
  async (input: UpdateLeadScoreRuleInput, { container }) => {
    const marketing = marketingService(container)
    const stored = (await marketing.retrieveLeadScoreRule(input.id)) as unknown as LeadScoreRuleRow
    const before = { id: input.id } as { id: string } & Partial<StoredFields>
    const changes = { id: input.id } as { id: string } & Partial<StoredFields>
    for (const field of FIELDS) {
      ;(before as Record<string, unknown>)[field] = stored[field]
      if (input[field] !== undefined) {
        ;(changes as Record<string, unknown>)[field] = input[field]
      }
    }
    const updated = await marketing.updateLeadScoreRules(changes)
    return new StepResponse(updated as unknown as LeadScoreRuleRow, before)
  },
  async (before, { container }) => {
    if (before) {
      await marketingService(container).updateLeadScoreRules({ ...before, property: before.property ?? null })
    }
  }
)
