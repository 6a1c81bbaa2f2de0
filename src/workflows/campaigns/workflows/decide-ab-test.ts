import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { pickWinner } from "../../../lib/campaigns"
import { loadCampaignStep, readVariantOutcomesStep, sendCampaignWinnerStep } from "../steps"

export const decideAbTestWorkflowId = "decide-ab-test"

/**
 * Decides a campaign's A/B test at `now` (epoch ms): scores each variant on
 * the test's metric over its sample (opens or clicks by a person, or net
 * attributed revenue, per message sent), stores the winner — the first
 * variant on a tie — and queues it to the rest of the audience.
 */
export const decideAbTestWorkflow = createWorkflow(decideAbTestWorkflowId, (input: { id: string; now: number }) => {
  const campaign = loadCampaignStep(input.id)
  const outcomes = readVariantOutcomesStep(input.id)
  const winner = transform({ campaign, outcomes }, ({ campaign, outcomes }) => pickWinner(campaign.ab_test!, outcomes))
  const sent = sendCampaignWinnerStep(
    transform({ input, winner }, ({ input, winner }) => ({ id: input.id, winner, now: input.now }))
  )
  return new WorkflowResponse(transform({ winner, sent }, ({ winner, sent }) => (sent ? { winner, ...sent } : null)))
})
