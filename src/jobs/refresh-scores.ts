import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { refreshScores } from "../workflows/scores"

/**
 * Every hour: refits the scoring model over all contacts and rescores them,
 * which also moves contacts across time boundaries ("no order for 90 days").
 * Between refreshes, a contact's own events rescore them at once.
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
