import { formatDateTime } from "./format"

export type NamedSource = { id: string; name: string; status: string; created_at: string }

/**
 * What a picker of flows or campaigns shows for each: its name, and where
 * another has the same name (flow and campaign names need not be unique),
 * its status and when it was created, so the two can be told apart.
 */
export const sourceLabels = (sources: NamedSource[]): { id: string; label: string }[] => {
  const uses = new Map<string, number>()
  for (const { name } of sources) {
    uses.set(name, (uses.get(name) ?? 0) + 1)
  }
  return sources.map(({ id, name, status, created_at }) => ({
    id,
    label: uses.get(name)! > 1 ? `${name} (${status}, created ${formatDateTime(created_at)})` : name,
  }))
}
