import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import MarketingModuleService from "../../../../modules/marketing/service"

/** A flow with what happened at each of its steps, for the builder's canvas. */
export async function flowWithCounts(scope: MedusaContainer, id: string) {
  const marketing: MarketingModuleService = scope.resolve(MARKETING_MODULE)
  const [flow] = await marketing.listFlows({ id })
  if (!flow) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Flow with id: ${id} was not found`)
  }
  const [steps, runs] = await Promise.all([marketing.flowStepCounts(id), marketing.flowRunCounts(id)])
  return { ...flow, step_counts: steps, run_counts: runs }
}
