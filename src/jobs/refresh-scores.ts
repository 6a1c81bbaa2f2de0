import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { refreshScores } from "../workflows/scores"

/**
 * Every hour: refits the scoring model over all contacts and rescores them
 * (recency and churn risk move with time). Between refreshes, a contact's
 * own events rescore them at once, and segment time boundaries are
 * re-checked every minute by `recheck-segment-boundaries`.
 */
export default async function refreshScoresJob(container: MedusaContainer) {
  try {
    await refreshScores(container)
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`marketing: refreshing scores failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "marketing-refresh-scores",
  schedule: "17 * * * *",
}
