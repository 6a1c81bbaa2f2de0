import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  LEAD_SCORE_RULES_CHANGED,
  LeadScoreRulesChangedData,
  rescoreLeadScores,
} from "../workflows/lead-score-rules"

/**
 * Rescores the contacts a lead-score rule change affects. In a subscriber
 * rather than the admin's request, because on a large store that is many
 * contacts; the hourly refresh corrects anything a failure leaves behind.
 */
export default async function leadScoreRulesChangedHandler({
  event: { data },
  container,
}: SubscriberArgs<LeadScoreRulesChangedData>) {
  try {
    await rescoreLeadScores(container, data.event_types)
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`marketing: rescoring lead scores after a rule change failed: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: LEAD_SCORE_RULES_CHANGED,
  context: { subscriberId: "marketing-lead-score-rules-changed" },
}
