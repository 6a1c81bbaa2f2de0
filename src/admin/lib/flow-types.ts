/**
 * Shapes of the flows admin API as the browser receives them. Definitions
 * travel as the flow language's JSON (see src/lib/flows/definition.ts).
 */

export const FLOW_STATUSES = ["draft", "active", "paused", "archived"] as const
export type FlowStatus = (typeof FLOW_STATUSES)[number]

export const FLOW_RUN_STATUSES = ["active", "waiting", "completed", "exited", "failed"] as const
export type FlowRunStatus = (typeof FLOW_RUN_STATUSES)[number]

/** What happened at one step: every visit, and how each one ended. */
export type StepCounts = {
  visits: number
  entered: number
  executed: number
  skipped: number
  failed: number
}

export type RunCounts = {
  entered: number
  running: number
  completed: number
  exited: number
  failed: number
  converted: number
  holdout: number
  holdout_converted: number
}

export interface Flow {
  id: string
  name: string
  description: string | null
  status: FlowStatus
  definition: unknown
  active_version_id: string | null
  trigger_type: string | null
  trigger_event: string | null
  playbook_key: string | null
  activated_at: string | null
  created_at: string
  updated_at: string
}

export interface FlowWithCounts extends Flow {
  step_counts: Record<string, StepCounts>
  run_counts: RunCounts
}

export interface FlowListParams {
  q?: string
  status?: FlowStatus
  limit?: number
  offset?: number
  order?: string
}

export interface FlowListResponse {
  flows: Flow[]
  count: number
  limit: number
  offset: number
}

export interface FlowResponse {
  flow: FlowWithCounts
}

export interface CreateFlowPayload {
  name: string
  description?: string | null
  definition: unknown
}

export interface UpdateFlowPayload {
  name?: string
  description?: string | null
  definition?: unknown
}

export type StepKind = "wait" | "control" | "action"

export interface CatalogStepType {
  type: string
  label: string
  description: string
  kind: StepKind
  builtin: boolean
}

export interface CatalogTrigger {
  event: string
  label: string
  description: string
  dataExample?: Record<string, unknown>
  builtin: boolean
}

export interface FlowCatalog {
  step_types: CatalogStepType[]
  triggers: CatalogTrigger[]
}

export interface FlowIssue {
  code: string
  /** Where in the definition, e.g. "steps.reminder.next". */
  path: string
  message: string
  /** The step the issue is about. */
  step?: string
}

export interface FlowValidationResponse {
  issues: FlowIssue[]
}

export interface DryRunEvent {
  after_hours: number
  name: string
  data?: Record<string, unknown>
}

export interface DryRunPayload {
  contact_id: string
  trigger_data?: Record<string, unknown>
  start?: string
  horizon_days?: number
  events?: DryRunEvent[]
}

export type DryRunOutcome = "executed" | "waited" | "skipped" | "stopped_by_guardrail"

export interface DryRunTimelineEntry {
  at: string
  step: string | null
  /** The step's type, or "exit_on", "goal", "event", "complete", "trigger", "guard". */
  type: string
  outcome: DryRunOutcome
  detail: string
}

export type DryRunEmail =
  | { step: string; at: string; template: { id: string; name: string }; subject: string; html: string }
  | { step: string; at: string; error: string }

export interface DryRunResponse {
  timeline: DryRunTimelineEntry[]
  emails: DryRunEmail[]
  /** Where the run stands at the horizon: ended (and why), or still waiting. */
  final: {
    status: string
    step: string | null
    ended: { at: number; reason: string; detail: string } | null
  }
  converted: boolean
}

export interface FlowRun {
  id: string
  contact_id: string
  email: string | null
  status: FlowRunStatus
  holdout: boolean
  current_step: string | null
  wake_at: string | null
  entered_at: string
  finished_at: string | null
  exit_reason: string | null
  last_error: string | null
  failures: number
  converted_at: string | null
}

export interface FlowRunsParams {
  status?: FlowRunStatus
  limit?: number
  offset?: number
}

export interface FlowRunsResponse {
  runs: FlowRun[]
  count: number
  limit: number
  offset: number
}

/** Email results of one step: what its sends led to. */
export interface StepResults {
  key: string | null
  recipients: number
  sent: number
  delivered: number
  opened: number
  clicked: number
  bounced: number
  unsubscribed: number
  conversions: number
  /** Net revenue by currency code. */
  revenue: Record<string, number>
}

/** Entrants and conversions of one arm: the holdout, or the contacts the flow treated. */
export interface HoldoutArm {
  entered: number
  converted: number
  /** 0 to 1; null with no entrants. */
  conversion_rate: number | null
}

/** The flow against its holdout; `lift` 0.25 is 25 % more conversions, null until it can be told. */
export interface FlowHoldoutResults {
  entered: number
  holdout: HoldoutArm
  treated: HoldoutArm
  lift: number | null
}

export interface FlowResultsResponse {
  results: { groups: StepResults[]; runs: FlowHoldoutResults | null }
}

export interface CustomerGroupOption {
  id: string
  name: string
}
