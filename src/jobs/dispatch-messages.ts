import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../modules/marketing"
import MarketingModuleService from "../modules/marketing/service"
import { dispatchDueMessages, scheduleDispatch } from "../workflows/messages"

// Bounds one tick's work; the next tick continues with what is left.
const MAX_BATCHES = 50

/**
 * Every minute: with `redisUrl`, hands the outbox to BullMQ workers on every
 * instance; without it, sends what is due in this process.
 */
export default async function dispatchMessagesJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const { redisUrl } = await (container.resolve(MARKETING_MODULE) as MarketingModuleService).getOptions()
    if (redisUrl) {
      await scheduleDispatch(container, redisUrl)
      return
    }
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const result = await dispatchDueMessages(container)
      if (result.claimed === 0) {
        break
      }
    }
  } catch (error) {
    logger.error(`marketing: message dispatch failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "marketing-dispatch-messages",
  schedule: "* * * * *",
}
