import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { sendDueCampaigns } from "../workflows/campaigns"

/**
 * Every minute: starts campaigns whose time came, sends A/B winners whose
 * test is decided, and marks finished campaigns sent. The dispatcher sends
 * what this queues.
 */
export default async function sendCampaignsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const { failed } = await sendDueCampaigns(container)
    for (const { id, error } of failed) {
      logger.error(`marketing: campaign ${id} could not proceed: ${error}`)
    }
  } catch (error) {
    logger.error(`marketing: sending campaigns failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "marketing-send-campaigns",
  schedule: "* * * * *",
}
