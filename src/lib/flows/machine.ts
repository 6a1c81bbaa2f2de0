import { evaluateRule, type ContactFacts, type EvaluationContext } from "../segments/evaluate"
import { evaluateDataConditions, matchesEvent, type EventMatch } from "./data-conditions"
import { UNIT_MS, type ActionStep, type Duration, type FlowDefinition, type FlowStep } from "./definition"
import { effectKey, type FlowEffect } from "./effects"
import { nextOccurrence, resolveTimeZone } from "./local-time"
import { MAX_STEPS, stepKind } from "./step-types"

/**
 * The run state machine. A run is a JSON state the executor stores; each
 * `advance` takes it with one input (start, a clock tick, an event, an
 * effect reported done) and returns the next state, at most one effect to
 * perform, and a log of what happened. It does no I/O and reads no clock,
 * so the same state and input always give the same result: a job that
 * crashed after performing an effect but before saving the state asks
 * again and gets the same effect key back.
 */

export type FlowRunStatus = "active" | "waiting" | "completed" | "exited" | "failed"

export type FlowRunEnd = {
  at: number
  /** end_of_flow: a step without next; exit_step: an exit step; exit_event: an exit_on event; error: see detail. */
  reason: "end_of_flow" | "exit_step" | "exit_event" | "error"
  detail: string
}

export type FlowRunState = {
  /** active: at an action step awaiting its effect (or not started); waiting: until `wake_at` or an event. */
  status: FlowRunStatus
  /** The current step; null before the start and after the flow's end. */
  step: string | null
  /** When a tick should wake the run (epoch ms); the timeout of a wait_for_event too. */
  wake_at: number | null
  /** Times the run entered each step; part of every effect key. */
  visits: Record<string, number>
  /** The branch index each split chose on its latest visit, for A/B reporting. */
  branches: Record<string, number>
  waiting_for: { event: string; match: EventMatch | null; timeout_at: number } | null
  /** The key of the effect the run waits for (`effect_done` with this key moves it on). */
  pending_effect: string | null
  /** What executors reported for action steps (a discount's code), by step id, for later steps to use. */
  results: Record<string, unknown>
  /** When the goal event happened, once. */
  converted_at: number | null
  ended: FlowRunEnd | null
}

export type FlowInput =
  | { kind: "start" }
  | { kind: "tick" }
  | { kind: "event"; name: string; data?: unknown }
  | { kind: "effect_done"; key: string; result?: unknown }
  /** The effect cannot be performed at all (not a retryable error): the run fails. */
  | { kind: "effect_failed"; key: string; error: string }

export type FlowEnv = {
  /** The run's id: part of every effect key. */
  runId: string
  /** The current time (epoch ms); the machine never reads the clock itself. */
  now: number
  /** The contact's profile, for condition steps' rules and the time zone of wait_until steps. */
  contact: ContactFacts
  /** Rows the flow's rules need (see `flowRequiredContext`); `now` is taken from `now` above. */
  evaluation?: Omit<EvaluationContext, "now">
  /** The payload of the event that started the run, for data conditions and exit matches. */
  triggerData?: unknown
  /** A number in [0, 1), the same for the same key (see `keyedRandom`). */
  random: (key: string) => number
  /** The zone for contacts without a valid one of their own; UTC when left out. */
  storeTimezone?: string | null
}

export type FlowLogEntry = {
  at: number
  step: string | null
  /** The step's type, or what happened outside a step: "exit_on", "goal", "event", "complete", "guard". */
  type: string
  /** requested: an effect was asked for; the executor reports when it is done. */
  outcome: "executed" | "waited" | "skipped" | "requested" | "failed"
  detail: string
  /** The effect's key, for requested entries. */
  key?: string
}

export type AdvanceResult = {
  state: FlowRunState
  /** The effect to perform now, or null. Perform it idempotently under `effect.key`, then send `effect_done`. */
  effect: FlowEffect | null
  log: FlowLogEntry[]
  /** True when this input reached the goal for the first time. */
  converted: boolean
}

/** Steps one advance may go through; a valid flow goes through each at most once before it stops. */
export const MAX_TRANSITIONS_PER_ADVANCE = MAX_STEPS * 2

/** A run entering one step this often is looping by mistake (a daily loop for most of a year). */
export const MAX_STEP_VISITS = 250

/** A run that has not started; `advance(…, { kind: "start" }, …)` enters the entry step. */
export function createRunState(): FlowRunState {
  return {
    status: "active",
    step: null,
    wake_at: null,
    visits: {},
    branches: {},
    waiting_for: null,
    pending_effect: null,
    results: {},
    converted_at: null,
    ended: null,
  }
}

const TERMINAL: ReadonlySet<FlowRunStatus> = new Set(["completed", "exited", "failed"])

/** Completed, exited or failed: the run takes no more input. */
export function isTerminal(state: FlowRunState): boolean {
  return TERMINAL.has(state.status)
}

const iso = (at: number) => new Date(at).toISOString()

function durationMs(duration: Duration): number {
  return duration.amount * UNIT_MS[duration.unit]
}

function describeEffect(effect: FlowEffect): string {
  switch (effect.type) {
    case "send_email":
      return `email template "${effect.config.template_id}"${effect.config.transactional ? " (transactional)" : ""}`
    case "discount":
      return effect.config.kind === "percentage"
        ? `${effect.config.value}% discount valid ${effect.config.expires_in_days} days`
        : `${effect.config.value} ${effect.config.currency_code} discount valid ${effect.config.expires_in_days} days`
    case "customer_group":
      return `${effect.config.action === "add" ? "add to" : "remove from"} customer group "${effect.config.group_id}"`
    case "update_contact": {
      const parts: string[] = []
      if (effect.config.set) parts.push(`set ${effect.config.set.field} to ${JSON.stringify(effect.config.set.value)}`)
      if (effect.config.lead_points !== undefined) parts.push(`add ${effect.config.lead_points} lead points`)
      return parts.join(", ")
    }
    case "webhook":
      return `POST ${effect.config.url}`
    default:
      return `${effect.type} step`
  }
}

function buildEffect(runId: string, stepId: string, visit: number, step: ActionStep): FlowEffect {
  const base = { key: effectKey(runId, stepId, visit), run_id: runId, step: stepId, visit }
  if (step.type === "send_email") {
    return {
      ...base,
      type: "send_email",
      config: { template_id: step.template_id, transactional: step.transactional ?? false },
    }
  }
  if ("config" in step) {
    return { ...base, type: step.type, config: step.config } as FlowEffect
  }
  const { type, label: _label, next: _next, ...config } = step
  return { ...base, type, config } as FlowEffect
}

/** Returned by a step that leaves the run waiting or ended. */
const STOP = Symbol("stop")

class Run {
  readonly state: FlowRunState
  readonly log: FlowLogEntry[] = []
  effect: FlowEffect | null = null
  converted = false
  private transitions = 0

  constructor(
    private readonly definition: FlowDefinition,
    state: FlowRunState,
    private readonly env: FlowEnv
  ) {
    this.state = {
      ...state,
      visits: { ...state.visits },
      branches: { ...state.branches },
      results: { ...state.results },
      waiting_for: state.waiting_for ? { ...state.waiting_for } : null,
    }
  }

  private note(step: string | null, type: string, outcome: FlowLogEntry["outcome"], detail: string, key?: string) {
    this.log.push({ at: this.env.now, step, type, outcome, detail, ...(key ? { key } : {}) })
  }

  private stepOf(id: string): FlowStep | undefined {
    return Object.prototype.hasOwnProperty.call(this.definition.steps, id) ? this.definition.steps[id] : undefined
  }

  end(status: "completed" | "exited" | "failed", reason: FlowRunEnd["reason"], detail: string) {
    const state = this.state
    state.status = status
    if (status === "completed") state.step = null
    state.wake_at = null
    state.waiting_for = null
    state.pending_effect = null
    state.ended = { at: this.env.now, reason, detail }
  }

  fail(detail: string) {
    this.note(this.state.step, "guard", "failed", detail)
    this.end("failed", "error", detail)
  }

  /** Goes to `target`, or completes the run when there is none. */
  go(target: string | undefined) {
    let current = target
    for (;;) {
      if (current === undefined) {
        this.note(null, "complete", "executed", "run completed")
        this.end("completed", "end_of_flow", "the flow has no further step")
        return
      }
      if (++this.transitions > MAX_TRANSITIONS_PER_ADVANCE) {
        this.fail(`went through more than ${MAX_TRANSITIONS_PER_ADVANCE} steps without waiting; the flow loops without a wait`)
        return
      }
      const step = this.stepOf(current)
      if (!step) {
        this.fail(`step "${current}" does not exist`)
        return
      }
      const visit = (this.state.visits[current] ?? 0) + 1
      if (visit > MAX_STEP_VISITS) {
        this.state.step = current
        this.fail(`step "${current}" was entered more than ${MAX_STEP_VISITS} times`)
        return
      }
      this.state.visits[current] = visit
      this.state.step = current
      this.state.status = "active"
      this.state.wake_at = null
      this.state.waiting_for = null
      const following = this.enter(current, step, visit)
      if (following === STOP) {
        return
      }
      current = following
    }
  }

  /** Runs one step; returns the step to go to next, or STOP when the run waits or ended. */
  private enter(id: string, step: FlowStep, visit: number): string | undefined | typeof STOP {
    const { env } = this
    switch (step.type) {
      case "condition": {
        const ruleHolds =
          !step.rule || evaluateRule(step.rule, env.contact, { ...env.evaluation, now: new Date(env.now) })
        const yes = ruleHolds && evaluateDataConditions(step.data, env.triggerData)
        const target = yes ? step.yes : step.no
        this.note(id, step.type, "executed", `${yes ? "yes" : "no"} → ${target}`)
        return target
      }
      case "split": {
        const draw = env.random(effectKey(env.runId, id, visit))
        let index = step.branches.length - 1
        let cumulative = 0
        for (let i = 0; i < step.branches.length; i++) {
          cumulative += step.branches[i].percent
          if (draw * 100 < cumulative) {
            index = i
            break
          }
        }
        const branch = step.branches[index]
        this.state.branches[id] = index
        const name = branch.label ? ` "${branch.label}"` : ""
        this.note(id, step.type, "executed", `branch ${index + 1}${name} (${branch.percent}%) → ${branch.next}`)
        return branch.next
      }
      case "exit":
        this.note(id, step.type, "executed", "run exited at an exit step")
        this.end("exited", "exit_step", `exit step "${id}"`)
        return STOP
      case "wait":
        return this.sleep(id, step.type, env.now + durationMs(step.duration))
      case "wait_until": {
        const timeZone = resolveTimeZone(env.contact.timezone, env.storeTimezone)
        return this.sleep(id, step.type, nextOccurrence(step, { after: env.now, timeZone }), ` (${timeZone})`)
      }
      case "wait_for_event": {
        const timeoutAt = env.now + durationMs(step.timeout)
        this.state.status = "waiting"
        this.state.wake_at = timeoutAt
        this.state.waiting_for = { event: step.event, match: step.match ?? null, timeout_at: timeoutAt }
        this.note(id, step.type, "waited", `for ${step.event} until ${iso(timeoutAt)}`)
        return STOP
      }
      default: {
        const effect = buildEffect(env.runId, id, visit, step)
        this.state.pending_effect = effect.key
        this.effect = effect
        this.note(id, step.type, "requested", describeEffect(effect), effect.key)
        return STOP
      }
    }
  }

  private sleep(id: string, type: string, wakeAt: number, zone = ""): typeof STOP {
    this.state.status = "waiting"
    this.state.wake_at = wakeAt
    this.note(id, type, "waited", `until ${iso(wakeAt)}${zone}`)
    return STOP
  }

  /** The effect of the action step the run waits at, rebuilt from the state: same step and visit, same key. */
  pendingEffect(): FlowEffect | null {
    const id = this.state.step
    const step = id === null ? undefined : this.stepOf(id)
    if (id === null || !step || stepKind(step.type) !== "action") {
      return null
    }
    return buildEffect(this.env.runId, id, this.state.visits[id] ?? 1, step as ActionStep)
  }

  /** The step after the current one once it is done (waits and actions have a single next). */
  nextOfCurrent(): string | undefined {
    const step = this.state.step === null ? undefined : this.stepOf(this.state.step)
    return step && "next" in step ? step.next : undefined
  }
}

function onEvent(run: Run, definition: FlowDefinition, env: FlowEnv, name: string, data: unknown) {
  const state = run.state
  let handled = false
  const goal = definition.goal
  if (goal && state.converted_at === null && goal.event === name && matchesEvent(goal.match, data, env.triggerData)) {
    state.converted_at = env.now
    run.converted = true
    handled = true
    run.log.push({ at: env.now, step: state.step, type: "goal", outcome: "executed", detail: `${name}: goal reached` })
  }
  const exit = (definition.exit_on ?? []).find(
    (rule) => rule.event === name && matchesEvent(rule.match, data, env.triggerData)
  )
  if (exit) {
    run.log.push({ at: env.now, step: state.step, type: "exit_on", outcome: "executed", detail: `${name}: run exited` })
    run.end("exited", "exit_event", name)
    return
  }
  const waiting = state.waiting_for
  if (state.status === "waiting" && waiting && waiting.event === name && matchesEvent(waiting.match, data, env.triggerData)) {
    const step = state.step === null ? undefined : definition.steps[state.step]
    if (step?.type === "wait_for_event") {
      run.log.push({
        at: env.now,
        step: state.step,
        type: step.type,
        outcome: "executed",
        detail: `${name} happened → ${step.on_event}`,
      })
      run.go(step.on_event)
      return
    }
  }
  if (!handled) {
    run.log.push({
      at: env.now,
      step: state.step,
      type: "event",
      outcome: "skipped",
      detail: `${name} matched no exit rule, goal or wait`,
    })
  }
}

function onTick(run: Run, definition: FlowDefinition, env: FlowEnv) {
  const state = run.state
  if (state.status === "active" && state.pending_effect !== null) {
    // Asked again after a crash or a lost answer: the same effect, with the same key.
    run.effect = run.pendingEffect()
    return
  }
  if (state.status !== "waiting" || state.wake_at === null || env.now < state.wake_at) {
    return
  }
  const step = state.step === null ? undefined : definition.steps[state.step]
  if (step?.type === "wait_for_event") {
    run.log.push({
      at: env.now,
      step: state.step,
      type: step.type,
      outcome: "executed",
      detail: `${step.event} did not happen in time → ${step.on_timeout}`,
    })
    run.go(step.on_timeout)
    return
  }
  run.go(run.nextOfCurrent())
}

/**
 * Moves a run on by one input and returns the new state (the given one is
 * not changed), the effect to perform if the run reached an action step,
 * and what happened.
 *
 * - start: enters the entry step (on a started run, the same as a tick).
 * - tick: wakes a waiting run whose `wake_at` has passed (a wait_for_event
 *   takes its timeout path), and repeats the pending effect of a run
 *   waiting for one, with the same key.
 * - event: an `exit_on` match exits the run from any state; the goal event
 *   marks the conversion (once); the event a wait_for_event waits for
 *   takes its `on_event` path. Events are for this run's contact: the
 *   executor routes them.
 * - effect_done: moves past the action step whose effect has this key;
 *   any other key (a duplicate, a stale answer) changes nothing.
 * - effect_failed: fails the run.
 *
 * Control steps (condition, split, exit) run at once; a run stops at a
 * wait (returning `wake_at`) or an action (returning the effect). Ended
 * runs ignore every input.
 *
 * @example
 * let { state, effect } = advance(definition, createRunState(), { kind: "start" }, env)
 * while (effect) {
 *   const result = await perform(effect) // idempotent under effect.key
 *   ;({ state, effect } = advance(definition, state, { kind: "effect_done", key: effect.key, result }, env))
 * }
 * await saveRun({ state, wake_at: state.wake_at })
 *
 * @throws SegmentUsageError when a condition's rule needs rows `env.evaluation` lacks (see `flowRequiredContext`).
 */
export function advance(definition: FlowDefinition, state: FlowRunState, input: FlowInput, env: FlowEnv): AdvanceResult {
  const run = new Run(definition, state, env)
  if (!isTerminal(run.state) && run.state.step !== null && !Object.prototype.hasOwnProperty.call(definition.steps, run.state.step)) {
    // Runs keep the version they started with; a run handed another version must not guess where it is.
    run.fail(`step "${run.state.step}" is not in this version of the flow`)
  }
  if (!isTerminal(run.state)) {
    const started = run.state.step !== null || Object.keys(run.state.visits).length > 0
    switch (input.kind) {
      case "start":
        if (started) {
          onTick(run, definition, env)
        } else {
          run.go(definition.entry)
        }
        break
      case "tick":
        onTick(run, definition, env)
        break
      case "event":
        onEvent(run, definition, env, input.name, input.data)
        break
      case "effect_done":
        if (run.state.status === "active" && run.state.pending_effect === input.key) {
          const stepId = run.state.step
          run.state.pending_effect = null
          if (stepId !== null && input.result !== undefined) {
            run.state.results[stepId] = input.result
          }
          run.go(run.nextOfCurrent())
        }
        break
      case "effect_failed":
        if (run.state.status === "active" && run.state.pending_effect === input.key) {
          run.log.push({ at: env.now, step: run.state.step, type: "effect", outcome: "failed", detail: input.error })
          run.end("failed", "error", input.error)
        }
        break
    }
  }
  return { state: run.state, effect: run.effect, log: run.log, converted: run.converted }
}
