/**
 * What is wrong with a flow, placed where the builder can show it: on a
 * step's node, on the trigger, or on the flow as a whole.
 */
import type { FlowIssue } from "./flow-types"

const PREFIX = /^(?:Invalid request:\s*)?definition(?:\.([^:\s]+))?:\s*/
const STEP_PATH = /^steps\.([a-z0-9_-]+)(?:[.[]|$)/

/** The step a definition path is in: "steps.reminder.template_id" is in "reminder". */
export const stepOfPath = (path: string): string | undefined => STEP_PATH.exec(path)?.[1]

/**
 * Reads the server's refusal of a definition ("definition.steps.hello.next:
 * …", from saving, validating or activating) as an issue on the step it
 * names. Other messages (a network failure) become an issue on the flow.
 */
export const issueFromMessage = (message: string): FlowIssue => {
  const match = PREFIX.exec(message)
  if (!match) {
    return { code: "error", path: "", message }
  }
  const path = (match[1] ?? "").replace(/^\./, "")
  const step = stepOfPath(path)
  return {
    code: "invalid_definition",
    path,
    message: message.slice(match[0].length),
    ...(step ? { step } : {}),
  }
}

export type PlacedIssues = {
  /** Messages by step id. */
  steps: Map<string, FlowIssue[]>
  /** About the trigger or the step it starts with. */
  trigger: FlowIssue[]
  /** About the flow's settings (goal, exit events, holdout) or nothing in particular. */
  flow: FlowIssue[]
}

/** Sorts issues to the node or panel that shows them. */
export const placeIssues = (issues: readonly FlowIssue[]): PlacedIssues => {
  const placed: PlacedIssues = { steps: new Map(), trigger: [], flow: [] }
  for (const issue of issues) {
    const step = issue.step ?? stepOfPath(issue.path)
    if (step) {
      placed.steps.set(step, [...(placed.steps.get(step) ?? []), issue])
    } else if (issue.path === "entry" || issue.path.startsWith("trigger")) {
      placed.trigger.push(issue)
    } else {
      placed.flow.push(issue)
    }
  }
  return placed
}

/**
 * A step's own part of a path, for a message shown inside its form:
 * "steps.hello.config.tag" reads "config.tag".
 */
export const fieldOfPath = (path: string, stepId: string): string => {
  const prefix = `steps.${stepId}`
  if (!path.startsWith(prefix)) return path
  return path.slice(prefix.length).replace(/^\./, "")
}
