import { MedusaContainer } from "@medusajs/framework/types"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { flowExtensions } from "../registry"
import { loadFlowVersions } from "./versions"
import { createCachedLoad } from "../../../lib/tasks/cached-load"

/**
 * Every event on the bus reaches the flow subscriber; only those some flow
 * uses (a trigger of an active flow, or an exit, goal or wait of a running
 * version) go further. The set is read at most every few seconds per
 * process: a flow activated on another instance is heard within that time,
 * and one activated here at once (`forgetRelevantEvents`).
 */
const TTL_MS = 5_000

/**
 * One read serves a burst: a segment refresh can put hundreds of thousands of
 * events on the bus at once, and on a cold cache each would otherwise read
 * the flows itself.
 */
const relevant = createCachedLoad<Set<string>>(TTL_MS)

export function forgetRelevantEvents() {
  relevant.forget()
}

async function readRelevantEvents(container: MedusaContainer): Promise<Set<string>> {
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
  return names
}

export async function isFlowEvent(container: MedusaContainer, name: string): Promise<boolean> {
  return (await relevant.get(() => readRelevantEvents(container))).has(name)
}
