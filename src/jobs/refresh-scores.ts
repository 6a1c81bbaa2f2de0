import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { refreshScores } from "../workflows/scores"

/**
 * Every hour: recomputes the RFM cut points and rescores every contact
 * against the prediction fit `rebuild-scores` stores each night (recency,
 * churn risk and engagement move with time), counting events again only
 * where a counted one has expired, then rebuilds the segments reading a
 * score that moved. Between refreshes, a contact's own events rescore them at
 * once, and segment time boundaries are re-checked every minute by
 * `recheck-segment-boundaries`.
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
