import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { dispatchDueMessages } from "../workflows/messages/dispatch-due-messages"

// Bounds one tick's work; the next tick continues with what is left.
const MAX_BATCHES = 50

export default async function dispatchMessagesJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
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
