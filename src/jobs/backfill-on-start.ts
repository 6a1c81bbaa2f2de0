import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../modules/marketing"
import MarketingModuleService from "../modules/marketing/service"
import { BACKFILL_JOB_KEY, runBackfill } from "../workflows/backfill"

/**
 * With `backfillOnStart`, imports existing customers and orders once, shortly
 * after boot, unless an import already finished; an interrupted one resumes.
 */
export default async function backfillOnStartJob(container: MedusaContainer) {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  if (!(await marketing.getOptions()).backfillOnStart) {
    return
  }
  const [state] = await marketing.listJobStates({ key: BACKFILL_JOB_KEY }, { take: 1 })
  if (state?.status === "completed") {
    return
  }
  try {
    await runBackfill(container)
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`marketing: backfill on start failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "marketing-backfill-on-start",
  schedule: { interval: 15_000 },
  numberOfExecutions: 1,
}
