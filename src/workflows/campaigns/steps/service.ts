import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

export const marketingService = (container: { resolve: (key: string) => unknown }) =>
  container.resolve(MARKETING_MODULE) as MarketingModuleService

const DATE_FIELDS = ["scheduled_at", "decided_at", "started_at", "finished_at", "cancelled_at"] as const

/** Campaign values as the module writes them: ISO strings (what survives a workflow) become dates. */
export function toCampaignWrite(values: Record<string, unknown>): Record<string, unknown> {
  const write = { ...values }
  for (const field of DATE_FIELDS) {
    if (typeof write[field] === "string") {
      write[field] = new Date(write[field] as string)
    }
  }
  return write
}
