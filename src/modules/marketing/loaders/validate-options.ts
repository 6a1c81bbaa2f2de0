import { LoaderOptions } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { parseMarketingOptions } from "../options"

/**
 * Runs before the module serves anything: a wrong option stops the boot here,
 * with the option named, instead of surfacing later as a broken email link.
 */
export default async function validateOptionsLoader({
  options,
  container,
}: LoaderOptions) {
  const parsed = parseMarketingOptions(options)
  if (!parsed.storefrontUrl) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        "medusa-marketing-automation: `storefrontUrl` is not set; cart-recovery and preference links are left out of emails"
      )
  }
}
