import { parseFlowDefinition, type FlowDefinition, type FlowStepRegistry } from "../../../lib/flows"
import MarketingModuleService from "../../../modules/marketing/service"

export type LoadedVersion =
  | { id: string; flow_id: string; definition: FlowDefinition; listens: Set<string>; error?: undefined }
  /** The version no longer parses: a custom step type it uses was unregistered. Its runs fail with this. */
  | { id: string; flow_id: string; definition?: undefined; listens: Set<string>; error: string }

/** Published versions never change, so every process may keep the parsed ones. */
const cache = new Map<string, LoadedVersion>()

/** Events a run of this definition reacts to after it started: exits, the goal, and waits for events. */
export function listenedEvents(definition: FlowDefinition): Set<string> {
  const names = new Set<string>()
  for (const rule of definition.exit_on ?? []) names.add(rule.event)
  if (definition.goal) names.add(definition.goal.event)
  for (const step of Object.values(definition.steps)) {
    if (step.type === "wait_for_event") names.add(step.event)
  }
  return names
}

export async function loadFlowVersions(
  marketing: MarketingModuleService,
  registry: FlowStepRegistry,
  ids: string[]
): Promise<Map<string, LoadedVersion>> {
  const missing = [...new Set(ids)].filter((id) => !cache.has(id))
  if (missing.length) {
    const versions = await marketing.listFlowVersions({ id: missing }, { select: ["id", "flow_id", "definition"] })
    for (const version of versions) {
      const parsed = parseFlowDefinition(version.definition, { registry })
      if (!parsed.ok) {
        cache.set(version.id, {
          id: version.id,
          flow_id: version.flow_id,
          listens: new Set(),
          error: `this version of the flow no longer validates (${parsed.error.path}: ${parsed.error.message})`,
        })
        continue
      }
      cache.set(version.id, {
        id: version.id,
        flow_id: version.flow_id,
        definition: parsed.definition,
        listens: listenedEvents(parsed.definition),
      })
    }
  }
  return new Map(ids.flatMap((id) => (cache.has(id) ? [[id, cache.get(id)!] as const] : [])))
}
