import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { refreshScores } from "../workflows/scores"

/**
 * Every night: every contact's scores counted from its events again, the
 * safety net under the hourly refresh, which carries engagement and lead
 * scores forward from what it stored. Catches activity that reached the
 * timeline without rescoring its contact (a bulk import in SQL, a missed
 * event). Runs between two hourly refreshes.
 */
export default async function rebuildScoresJob(container: MedusaContainer) {
  try {
    await refreshScores(container, { fromEvents: true })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`marketing: rebuilding scores failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "marketing-rebuild-scores",
  schedule: "47 2 * * *",
}
