import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { refreshScores } from "../workflows/scores/refresh-scores"
import { SCORES_REFRESH_REQUESTED } from "../workflows/scores/request-scores-refresh"

/** The refresh an admin asked for on the Scores page: every contact's events counted again, as the nightly job does. */
export default async function scoresRefreshRequestedHandler({ container }: SubscriberArgs<Record<string, never>>) {
  try {
    await refreshScores(container, { fromEvents: true })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`marketing: refreshing scores failed: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: SCORES_REFRESH_REQUESTED,
  context: { subscriberId: "marketing-scores-refresh-requested" },
}
