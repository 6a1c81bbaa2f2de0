import { MedusaContainer } from "@medusajs/framework/types"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { flowExtensions } from "../registry"
import { loadFlowVersions } from "./versions"

/**
 * Every event on the bus reaches the flow subscriber; only those some flow
 * uses (a trigger of an active flow, or an exit, goal or wait of a running
 * version) go further. The set is read at most every few seconds per
 * process: a flow activated on another instance is heard within that time,
 * and one activated here at once (`forgetRelevantEvents`).
 */
const TTL_MS = 5_000

let cached: { names: Set<string>; until: number } | null = null

export function forgetRelevantEvents() {
  cached = null
}

export async function isFlowEvent(container: MedusaContainer, name: string): Promise<boolean> {
  if (!cached || cached.until < Date.now()) {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const flows = await marketing.listFlows({ status: "active" }, { select: ["trigger_event", "active_version_id"] })
    const running = await marketing.listRunningFlowVersionIds()
    const { registry } = await flowExtensions(container)
    const versions = await loadFlowVersions(marketing, registry, [
      ...running,
      ...flows.flatMap((flow) => (flow.active_version_id ? [flow.active_version_id] : [])),
    ])
    const names = new Set(flows.flatMap((flow) => (flow.trigger_event ? [flow.trigger_event] : [])))
    for (const version of versions.values()) {
      version.listens.forEach((event) => names.add(event))
    }
    cached = { names, until: Date.now() + TTL_MS }
  }
  return cached.names.has(name)
}
