/**
 * A flow definition as the builder edits it. It has the flow language's
 * shape (src/lib/flows/definition.ts), but a step may still miss a field
 * or a link while the merchant works on it: the server names what is
 * missing, and saving waits until nothing is.
 */
import { stepLinks, type EventRule, type FlowStep, type Reentry, type Trigger } from "../../lib/flows/definition"

/** A step being edited: its type's fields, some perhaps not filled in yet. */
export type DraftStep = { type: string; label?: string; [key: string]: unknown }

export type FlowDraft = {
  trigger: Trigger
  reentry: Reentry
  goal?: EventRule
  exit_on?: EventRule[]
  holdout_percent?: number
  entry: string
  steps: Record<string, DraftStep>
}

/** Where a link goes from inside its step, as the language's key path: ["branches", 1, "next"]. */
export type LinkPath = (string | number)[]

/** One of a step's outgoing links, set or still empty. */
export type LinkSlot = {
  /** The path joined with dots, "yes" or "branches.1.next": the canvas handle's id. */
  handle: string
  path: LinkPath
  target?: string
  /** Links the language requires; `next` is optional (the run ends there). */
  required: boolean
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const DEFAULT_TRIGGER_EVENT = "customer.created"

/** A new flow: its trigger and a single step that ends the run, for the merchant to build on. */
export const newFlowDefinition = (event = DEFAULT_TRIGGER_EVENT): FlowDraft => ({
  trigger: { type: "event", event },
  reentry: "once",
  entry: "end",
  steps: { end: { type: "exit", label: "End" } },
})

/** A stored definition as a draft; anything malformed becomes the nearest editable shape. */
export const draftFromDefinition = (json: unknown): FlowDraft => {
  if (!isRecord(json)) {
    return newFlowDefinition()
  }
  const steps: Record<string, DraftStep> = {}
  if (isRecord(json.steps)) {
    for (const [id, step] of Object.entries(json.steps)) {
      if (isRecord(step) && typeof step.type === "string") {
        steps[id] = step as DraftStep
      }
    }
  }
  return {
    ...(json as Partial<FlowDraft>),
    trigger: isRecord(json.trigger) ? (json.trigger as Trigger) : newFlowDefinition().trigger,
    reentry: (json.reentry as Reentry | undefined) ?? "once",
    entry: typeof json.entry === "string" ? json.entry : "",
    steps,
  }
}

/** Keys in one order, so two drafts that say the same compare equal however they were edited. */
const stable = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    return value.map(stable)
  }
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => value[key] !== undefined)
        .sort()
        .map((key) => [key, stable(value[key])])
    )
  }
  return value
}

/** The JSON the server receives: keys left undefined by the forms are dropped. */
export const draftToDefinition = (draft: FlowDraft): unknown => JSON.parse(JSON.stringify(draft))

export const definitionsEqual = (a: unknown, b: unknown) =>
  JSON.stringify(stable(a)) === JSON.stringify(stable(b))

/**
 * Every outgoing link a step can have, set or not. The language's own
 * `stepLinks` says which keys link where; an unset `next` is offered as a
 * slot so the builder can connect it.
 */
export const linkSlots = (step: DraftStep): LinkSlot[] => {
  const shaped = {
    ...step,
    next: typeof step.next === "string" ? step.next : "",
    branches: Array.isArray(step.branches) ? step.branches : [],
  } as unknown as FlowStep
  return stepLinks(shaped).map((link) => ({
    handle: link.path.join("."),
    path: link.path,
    target: typeof link.target === "string" && link.target ? link.target : undefined,
    required: link.path[0] !== "next",
  }))
}

/** "branches.1.next" back to ["branches", 1, "next"]. */
export const pathFromHandle = (handle: string): LinkPath =>
  handle.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part))

const setIn = (value: unknown, path: LinkPath, target: string | undefined): unknown => {
  const [key, ...rest] = path
  if (typeof key === "number") {
    const list = Array.isArray(value) ? value.slice() : []
    list[key] = rest.length ? setIn(list[key], rest, target) : target
    return list
  }
  const record = isRecord(value) ? { ...value } : {}
  if (rest.length) {
    record[key] = setIn(record[key], rest, target)
  } else if (target === undefined) {
    delete record[key]
  } else {
    record[key] = target
  }
  return record
}

/** The step with one of its links pointed at `target`, or cleared when it is undefined. */
export const setLink = (draft: FlowDraft, stepId: string, path: LinkPath, target: string | undefined): FlowDraft => {
  const step = draft.steps[stepId]
  if (!step) {
    return draft
  }
  return { ...draft, steps: { ...draft.steps, [stepId]: setIn(step, path, target) as DraftStep } }
}

export const updateStep = (draft: FlowDraft, stepId: string, patch: Partial<DraftStep>): FlowDraft => {
  const step = draft.steps[stepId]
  if (!step) {
    return draft
  }
  const updated: DraftStep = { ...step }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      delete updated[key]
    } else {
      updated[key] = value
    }
  }
  return { ...draft, steps: { ...draft.steps, [stepId]: updated } }
}

export const setEntry = (draft: FlowDraft, stepId: string): FlowDraft => ({ ...draft, entry: stepId })

const MAX_ID_LENGTH = 64

/** A readable id for a new step of this type that no step has yet: "send_email", then "send_email_2". */
export const newStepId = (type: string, taken: Iterable<string>): string => {
  const used = new Set(taken)
  const base = type.toLowerCase().replace(/[^a-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, MAX_ID_LENGTH - 4) || "step"
  if (!used.has(base)) {
    return base
  }
  for (let n = 2; ; n++) {
    const id = `${base}_${n}`
    if (!used.has(id)) {
      return id
    }
  }
}

const ONE_DAY = { amount: 1, unit: "days" } as const

/**
 * A new step of a type, filled in as far as a sensible default goes. What
 * only the merchant can choose (the template, the group, the URL) stays
 * empty, so the server asks for it.
 */
export const defaultStep = (type: string): DraftStep => {
  switch (type) {
    case "wait":
      return { type, duration: { ...ONE_DAY } }
    case "wait_until":
      return { type, time: "09:00" }
    case "wait_for_event":
      return { type, event: "order.placed", timeout: { amount: 3, unit: "days" } }
    case "condition":
      // The rule or data conditions are the merchant's to write.
      return { type }
    case "split":
      return { type, branches: [{ percent: 50 }, { percent: 50 }] }
    case "send_email":
      return { type, template_id: "" }
    case "discount":
      return { type, kind: "percentage", value: 10, expires_in_days: 7 }
    case "customer_group":
      return { type, action: "add", group_id: "" }
    case "update_contact":
      return { type, lead_points: 10 }
    case "webhook":
      return { type, url: "" }
    case "exit":
      return { type }
    default:
      // A registered type: its config is whatever its schema asks for.
      return { type, config: {} }
  }
}

/** The canvas's id for the trigger, which no step id can be (they are a-z, 0-9, _ and -). */
export const TRIGGER_NODE_ID = "@trigger"

/**
 * Adds a step. After a step (or the trigger) it goes into that link and
 * continues where the link went, so adding between two steps keeps the
 * flow connected; otherwise it stands alone until connected.
 */
export const addStep = (
  draft: FlowDraft,
  type: string,
  after?: { source: string; handle?: string }
): { draft: FlowDraft; id: string } => {
  const id = newStepId(type, Object.keys(draft.steps))
  let step = defaultStep(type)
  let next: FlowDraft = { ...draft, steps: { ...draft.steps, [id]: step } }
  if (!after) {
    return { draft: next, id }
  }
  let previousTarget: string | undefined
  if (after.source === TRIGGER_NODE_ID) {
    previousTarget = draft.steps[draft.entry] ? draft.entry : undefined
    next = setEntry(next, id)
  } else {
    const source = draft.steps[after.source]
    const slots = source ? linkSlots(source) : []
    const slot = slots.find((candidate) => candidate.handle === after.handle) ?? slots[0]
    if (!slot) {
      return { draft: next, id }
    }
    previousTarget = slot.target
    next = setLink(next, after.source, slot.path, id)
  }
  const [first] = linkSlots(step)
  if (previousTarget && previousTarget !== id && first) {
    step = setIn(step, first.path, previousTarget) as DraftStep
    next = { ...next, steps: { ...next.steps, [id]: step } }
  }
  return { draft: next, id }
}

/**
 * Removes a step and every link to it. A step with one way on is cut out
 * of its chain (what led to it now leads where it went); other links to
 * it are cleared, for the merchant to reconnect.
 */
export const removeStep = (draft: FlowDraft, stepId: string): FlowDraft => {
  const removed = draft.steps[stepId]
  if (!removed) {
    return draft
  }
  const outgoing = linkSlots(removed)
  const onward =
    outgoing.length === 1 && outgoing[0].target && outgoing[0].target !== stepId ? outgoing[0].target : undefined
  const steps = { ...draft.steps }
  delete steps[stepId]
  let next: FlowDraft = { ...draft, steps }
  for (const [id, step] of Object.entries(steps)) {
    for (const slot of linkSlots(step)) {
      if (slot.target === stepId) {
        next = setLink(next, id, slot.path, onward)
      }
    }
  }
  if (draft.entry === stepId) {
    next = { ...next, entry: onward ?? "" }
  }
  return next
}

/**
 * Points a link (dragged on the canvas or picked in a form) at a step;
 * from the trigger it sets the step the flow starts with.
 */
export const connect = (
  draft: FlowDraft,
  source: string,
  handle: string | null | undefined,
  target: string | undefined
): FlowDraft => {
  if (source === TRIGGER_NODE_ID) {
    return target ? setEntry(draft, target) : { ...draft, entry: "" }
  }
  const step = draft.steps[source]
  if (!step) {
    return draft
  }
  const slot = linkSlots(step).find((candidate) => candidate.handle === handle) ?? linkSlots(step)[0]
  return slot ? setLink(draft, source, slot.path, target) : draft
}
