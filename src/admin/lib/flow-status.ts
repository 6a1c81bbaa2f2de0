/** The words and colours of flow and run statuses and dry-run outcomes. */
import type { DryRunOutcome, FlowRunStatus, FlowStatus } from "./flow-types"
import type { StatusColor } from "./message-status"

export const FLOW_STATUS_LABELS: Record<FlowStatus, string> = {
  draft: "Draft",
  active: "Active",
  paused: "Paused",
  archived: "Archived",
}

export const FLOW_STATUS_COLORS: Record<FlowStatus, StatusColor> = {
  draft: "grey",
  active: "green",
  paused: "orange",
  archived: "red",
}

export const FLOW_STATUS_HELP: Record<FlowStatus, string> = {
  draft: "Not running yet: activate it to let contacts in.",
  active: "Contacts enter when the trigger happens, and runs move on.",
  paused: "No one enters; runs wait where they are until the flow is active again.",
  archived: "Retired: no one enters, and its runs ended.",
}

export const RUN_STATUS_LABELS: Record<FlowRunStatus, string> = {
  active: "Running",
  waiting: "Waiting",
  completed: "Completed",
  exited: "Exited",
  failed: "Failed",
}

export const RUN_STATUS_COLORS: Record<FlowRunStatus, StatusColor> = {
  active: "blue",
  waiting: "orange",
  completed: "green",
  exited: "grey",
  failed: "red",
}

export const OUTCOME_LABELS: Record<DryRunOutcome, string> = {
  executed: "Done",
  waited: "Waits",
  skipped: "Skipped",
  stopped_by_guardrail: "Stopped",
}

export const OUTCOME_COLORS: Record<DryRunOutcome, StatusColor> = {
  executed: "green",
  waited: "blue",
  skipped: "grey",
  stopped_by_guardrail: "red",
}

const END_REASONS = ["end_of_flow", "exit_step", "exit_event", "error"]

/**
 * Why a run ended, as a sentence: the engine stores "exit_step: exit step
 * \"end\"", whose detail already says it; other reasons stay as they are.
 */
export const describeRunEnd = (reason: string | null | undefined): string | null => {
  if (!reason) return null
  const match = /^([a-z_]+):\s*(.+)$/s.exec(reason)
  const detail = match && END_REASONS.includes(match[1]) ? match[2] : reason
  return detail.charAt(0).toUpperCase() + detail.slice(1)
}
