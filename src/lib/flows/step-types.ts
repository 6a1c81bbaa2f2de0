/**
 * The step types every flow can use. Waits stop a run until a time or an
 * event; control steps decide where it goes next without leaving the
 * engine; actions ask the executor for an effect (an email, a discount)
 * and resume once it reports the effect done.
 */

export const WAIT_STEP_TYPES = ["wait", "wait_until", "wait_for_event"] as const
export const CONTROL_STEP_TYPES = ["condition", "split", "exit"] as const
export const ACTION_STEP_TYPES = ["send_email", "discount", "customer_group", "update_contact", "webhook"] as const

export const BUILTIN_STEP_TYPES = [...WAIT_STEP_TYPES, ...CONTROL_STEP_TYPES, ...ACTION_STEP_TYPES] as const

export type WaitStepType = (typeof WAIT_STEP_TYPES)[number]
export type ControlStepType = (typeof CONTROL_STEP_TYPES)[number]
export type ActionStepType = (typeof ACTION_STEP_TYPES)[number]
export type BuiltinStepType = (typeof BUILTIN_STEP_TYPES)[number]

/** Types a developer registers are namespaced ("acme.sms"), so they never clash with built-in ones. */
export type CustomStepType = `${string}.${string}`

export type StepKind = "wait" | "control" | "action"

export type StepTypeInfo = {
  type: string
  label: string
  description: string
  kind: StepKind
  builtin: boolean
}

export const BUILTIN_STEP_INFO: Record<BuiltinStepType, Omit<StepTypeInfo, "type" | "builtin">> = {
  wait: { kind: "wait", label: "Wait", description: "Pause for a number of minutes, hours, days or weeks." },
  wait_until: {
    kind: "wait",
    label: "Wait until",
    description: "Pause until a time of day, optionally on chosen weekdays, in the contact's time zone.",
  },
  wait_for_event: {
    kind: "wait",
    label: "Wait for event",
    description: "Pause until an event happens, or take another path when it does not happen in time.",
  },
  condition: {
    kind: "control",
    label: "Condition",
    description: "Take the yes or no path depending on the contact's profile or the trigger's data.",
  },
  split: { kind: "control", label: "Random split", description: "Send contacts down paths by percentage (A/B tests)." },
  exit: { kind: "control", label: "Exit", description: "End the run here." },
  send_email: { kind: "action", label: "Send email", description: "Send an email from a template." },
  discount: { kind: "action", label: "Create discount", description: "Create a single-use discount code for the contact." },
  customer_group: {
    kind: "action",
    label: "Customer group",
    description: "Add the customer to a customer group, or remove them from one.",
  },
  update_contact: {
    kind: "action",
    label: "Update contact",
    description: "Set a profile field or metadata key, or add lead points.",
  },
  webhook: { kind: "action", label: "Webhook", description: "POST the run's data to a URL." },
}

export const STEP_ID_PATTERN = /^[a-z0-9_-]{1,64}$/

/** A flow this large is a mistake in a builder, and bounds every walk of the graph. */
export const MAX_STEPS = 200

const BUILTIN = new Set<string>(BUILTIN_STEP_TYPES)
const WAITS = new Set<string>(WAIT_STEP_TYPES)
const CONTROLS = new Set<string>(CONTROL_STEP_TYPES)

/** One of the step types every flow can use. */
export function isBuiltinStepType(type: string): type is BuiltinStepType {
  return BUILTIN.has(type)
}

/** Shaped like a registered type: lower-case words joined by dots, at least one dot. */
export function isCustomStepType(type: string): type is CustomStepType {
  return /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(type)
}

/** What the engine does with a step of this type; unknown types are custom actions. */
export function stepKind(type: string): StepKind {
  if (WAITS.has(type)) return "wait"
  if (CONTROLS.has(type)) return "control"
  return "action"
}
