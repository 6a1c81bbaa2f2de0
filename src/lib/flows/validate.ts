import { formatPath } from "../segments/schema"
import { stepLinks, type FlowDefinition, type FlowStep } from "./definition"
import { findFlowReferences } from "./references"
import { MAX_STEPS, stepKind } from "./step-types"

export type FlowValidationCode =
  | "too_many_steps"
  | "missing_entry"
  | "missing_step"
  | "unreachable_step"
  | "cycle_without_wait"
  | "unknown_template"
  | "unknown_segment"
  | "unknown_group"

export type FlowValidationIssue = {
  code: FlowValidationCode
  /** Where in the definition, e.g. "steps.reminder.next". */
  path: string
  message: string
  /** The step the issue is about, for the builder to highlight. */
  step?: string
}

/**
 * What exists in the store. A set that is given is checked against; a set
 * left out skips that check (a draft saved before its templates exist).
 */
export type FlowValidationContext = {
  templateIds?: ReadonlySet<string>
  segmentIds?: ReadonlySet<string>
  groupIds?: ReadonlySet<string>
}

const has = (steps: Record<string, FlowStep>, id: string) => Object.prototype.hasOwnProperty.call(steps, id)

function successors(steps: Record<string, FlowStep>, id: string): string[] {
  return stepLinks(steps[id]).map((link) => link.target).filter((target) => has(steps, target))
}

function reachableFrom(steps: Record<string, FlowStep>, entry: string): Set<string> {
  const seen = new Set<string>()
  if (!has(steps, entry)) return seen
  const stack = [entry]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    stack.push(...successors(steps, id))
  }
  return seen
}

/**
 * Loops a run could go round without ever stopping, one per group of
 * steps that reach each other, as the path that closes it ("a → b → a").
 * Leaving out the links out of wait steps leaves exactly those loops: a loop
 * through a wait advances at most once per wake-up.
 */
function cyclesWithoutWait(steps: Record<string, FlowStep>): string[][] {
  const ids = Object.keys(steps)
  const next = (id: string) => (stepKind(steps[id].type) === "wait" ? [] : successors(steps, id))

  // Tarjan's strongly connected components, iteratively so a long chain cannot exhaust the stack.
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const components: string[][] = []
  let counter = 0
  for (const root of ids) {
    if (index.has(root)) continue
    const work: { id: string; children: string[]; position: number }[] = []
    const open = (id: string) => {
      index.set(id, counter)
      low.set(id, counter)
      counter++
      stack.push(id)
      onStack.add(id)
      work.push({ id, children: next(id), position: 0 })
    }
    open(root)
    while (work.length > 0) {
      const frame = work[work.length - 1]
      if (frame.position < frame.children.length) {
        const child = frame.children[frame.position++]
        if (!index.has(child)) {
          open(child)
        } else if (onStack.has(child)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(child)!))
        }
        continue
      }
      work.pop()
      if (work.length > 0) {
        const parent = work[work.length - 1].id
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!))
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = []
        let member: string
        do {
          member = stack.pop()!
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.id)
        components.push(component)
      }
    }
  }

  const order = new Map(ids.map((id, position) => [id, position]))
  const cycles: string[][] = []
  for (const component of components) {
    const members = new Set(component)
    const start = component.reduce((first, id) => (order.get(id)! < order.get(first)! ? id : first))
    const selfLoop = next(start).includes(start)
    if (component.length === 1 && !selfLoop) continue
    cycles.push(cycleThrough(start, members, next))
  }
  return cycles.sort((a, b) => order.get(a[0])! - order.get(b[0])!)
}

/** A shortest path from `start` back to itself inside one component. */
function cycleThrough(start: string, members: Set<string>, next: (id: string) => string[]): string[] {
  const parent = new Map<string, string>()
  const queue = [start]
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]
    for (const child of next(id)) {
      if (!members.has(child)) continue
      if (child === start) {
        const path = [id]
        while (path[0] !== start) path.unshift(parent.get(path[0])!)
        return [...path, start]
      }
      if (!parent.has(child)) {
        parent.set(child, id)
        queue.push(child)
      }
    }
  }
  return [start, start]
}

const REFERENCE_CHECKS = {
  template: { code: "unknown_template", noun: "email template", context: "templateIds" },
  segment: { code: "unknown_segment", noun: "segment", context: "segmentIds" },
  group: { code: "unknown_group", noun: "customer group", context: "groupIds" },
} as const

/**
 * Every problem with a flow's graph and references, for the builder to
 * mark all of them at once, in a stable order: size, entry, links to
 * missing steps, unreachable steps, loops without a wait, then unknown
 * templates, segments and groups, each in document order.
 */
export function validateFlowAll(definition: FlowDefinition, context: FlowValidationContext = {}): FlowValidationIssue[] {
  const issues: FlowValidationIssue[] = []
  const { steps, entry } = definition
  const ids = Object.keys(steps)

  if (ids.length > MAX_STEPS) {
    return [{ code: "too_many_steps", path: "steps", message: `a flow has at most ${MAX_STEPS} steps; this one has ${ids.length}` }]
  }
  if (!has(steps, entry)) {
    issues.push({ code: "missing_entry", path: "entry", message: `the entry step "${entry}" does not exist` })
  }
  for (const id of ids) {
    for (const link of stepLinks(steps[id])) {
      if (!has(steps, link.target)) {
        issues.push({
          code: "missing_step",
          path: formatPath(["steps", id, ...link.path]),
          step: id,
          message: `step "${id}" goes to "${link.target}", which does not exist`,
        })
      }
    }
  }
  if (has(steps, entry)) {
    const reachable = reachableFrom(steps, entry)
    for (const id of ids) {
      if (!reachable.has(id)) {
        issues.push({
          code: "unreachable_step",
          path: formatPath(["steps", id]),
          step: id,
          message: `step "${id}" cannot be reached from the entry step "${entry}"`,
        })
      }
    }
  }
  for (const cycle of cyclesWithoutWait(steps)) {
    issues.push({
      code: "cycle_without_wait",
      path: formatPath(["steps", cycle[0]]),
      step: cycle[0],
      message:
        `steps ${cycle.join(" → ")} form a loop without a wait; ` +
        "add a wait, wait_until or wait_for_event step to the loop",
    })
  }
  for (const reference of findFlowReferences(definition)) {
    const check = REFERENCE_CHECKS[reference.kind]
    const known = context[check.context]
    if (known && !known.has(reference.id)) {
      const step = reference.path.startsWith("steps.") ? reference.path.split(".")[1] : undefined
      issues.push({
        code: check.code,
        path: reference.path,
        step,
        message: `${step ? `step "${step}"` : "the trigger"} uses ${check.noun} "${reference.id}", which does not exist`,
      })
    }
  }
  return issues
}

export type FlowValidationResult = { ok: true } | { ok: false; error: FlowValidationIssue }

/**
 * Checks a parsed flow before it is published: the entry and every linked
 * step exist, every step can be reached, no loop can run without waiting,
 * and the templates, segments and groups it uses exist (for the sets given).
 * Reports the first problem in the order `validateFlowAll` lists them.
 *
 * @example
 * const checked = validateFlow(definition, { templateIds: new Set(templates.map((t) => t.id)) })
 * if (!checked.ok) {
 *   throw new MedusaError(MedusaError.Types.INVALID_DATA, `${checked.error.path}: ${checked.error.message}`)
 * }
 */
export function validateFlow(definition: FlowDefinition, context: FlowValidationContext = {}): FlowValidationResult {
  const [first] = validateFlowAll(definition, context)
  return first ? { ok: false, error: first } : { ok: true }
}
