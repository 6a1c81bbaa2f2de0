import type { ContactFacts, EvaluationContext } from "../segments/evaluate"
import type { FlowDefinition, SendEmailStep } from "./definition"
import type { FlowEffect } from "./effects"
import { advance, createRunState, isTerminal, type AdvanceResult, type FlowInput, type FlowRunState } from "./machine"
import { keyedRandom } from "./random"
import { matchesTrigger } from "./triggers"

const DAY_MS = 86_400_000

/** Inputs one simulation may take; a flow looping through waits stops here rather than at the horizon. */
const MAX_SIMULATION_INPUTS = 10_000

export type SimulatedEvent = { at: number; name: string; data?: unknown }

/** `reason` is a code for programs; `explanation`, when given, is what the timeline shows. */
export type EmailCheck = { allowed: true } | { allowed: false; reason: string; explanation?: string }

export type SimulationOptions = {
  contact: ContactFacts
  evaluation?: Omit<EvaluationContext, "now">
  /** The payload of the event that starts the run. */
  triggerData?: unknown
  /** When the run starts (epoch ms). */
  start: number
  /** Things that happen later ("an order 2 days in"); events before `start` are ignored. */
  events?: readonly SimulatedEvent[]
  /** How far to follow the run. */
  horizonDays: number
  /** Defaults to a fixed keyed random, so a preview shows the same branches every time. */
  random?: (key: string) => number
  /** The send-time guardrails (consent, quiet hours, frequency cap) for an email at a time. */
  checkEmail?: (step: SendEmailStep & { id: string }, at: number) => EmailCheck
  storeTimezone?: string | null
  runId?: string
}

export type TimelineEntry = {
  at: number
  step: string | null
  /** The step's type, or "exit_on", "goal", "event", "complete", "trigger", "guard". */
  type: string
  outcome: "executed" | "waited" | "skipped" | "stopped_by_guardrail"
  detail: string
  /** For action steps: the effect, so the caller can render the email it would send. */
  effect?: FlowEffect
}

export type SimulationResult = {
  timeline: TimelineEntry[]
  /** The run's state at the end of the simulation: ended, or waiting beyond the horizon. */
  state: FlowRunState
  converted: boolean
}

function answer(
  definition: FlowDefinition,
  effect: FlowEffect,
  at: number,
  detail: string,
  checkEmail: SimulationOptions["checkEmail"]
): { entry: TimelineEntry; result: unknown } {
  if (effect.type === "send_email" && checkEmail) {
    const step = definition.steps[effect.step] as SendEmailStep
    const check = checkEmail({ ...step, id: effect.step }, at)
    if (!check.allowed) {
      return {
        entry: { at, step: effect.step, type: effect.type, outcome: "stopped_by_guardrail", detail: `${detail}: ${check.explanation ?? check.reason}`, effect },
        result: { sent: false, reason: check.reason },
      }
    }
  }
  return {
    entry: { at, step: effect.step, type: effect.type, outcome: "executed", detail, effect },
    result: { simulated: true },
  }
}

/**
 * A dry run of a flow for one contact: drives `advance` with a simulated
 * clock, feeds the given future events at their times, and performs
 * effects itself (nothing is sent), asking `checkEmail` whether each email
 * would pass the send-time guardrails. An email the guardrails stop is not
 * sent and the run moves on, as it would in the store.
 *
 * Events at the same instant as a wake-up are fed first, so "an order at
 * the moment of the reminder" prevents the reminder, as the executor's
 * exit check would.
 *
 * @example
 * const { timeline } = simulateFlow(definition, {
 *   contact, triggerData: { cart_id: "cart_1" }, start: Date.now(), horizonDays: 7,
 *   events: [{ at: Date.now() + 2 * 86_400_000, name: "order.placed", data: { cart_id: "cart_1" } }],
 * })
 */
export function simulateFlow(definition: FlowDefinition, options: SimulationOptions): SimulationResult {
  const { start } = options
  const horizon = start + options.horizonDays * DAY_MS
  const random = options.random ?? keyedRandom("simulation")
  const runId = options.runId ?? "simulation"
  const timeline: TimelineEntry[] = []
  const events = [...(options.events ?? [])].filter((event) => event.at >= start).sort((a, b) => a.at - b.at)
  let state = createRunState()
  let converted = false

  const trigger = definition.trigger
  if (trigger.type === "event" && trigger.filter) {
    const evaluation = { ...options.evaluation, now: new Date(start) }
    const matches = matchesTrigger(definition, { name: trigger.event, data: options.triggerData }, options.contact, evaluation)
    if (!matches) {
      timeline.push({
        at: start,
        step: null,
        type: "trigger",
        outcome: "skipped",
        detail: `${trigger.event}: the trigger's filter does not match this contact and data`,
      })
      return { timeline, state, converted }
    }
  }

  const feed = (now: number, input: FlowInput): AdvanceResult => {
    const result = advance(definition, state, input, {
      runId,
      now,
      contact: options.contact,
      evaluation: options.evaluation,
      triggerData: options.triggerData,
      random,
      storeTimezone: options.storeTimezone,
    })
    state = result.state
    converted ||= result.converted
    for (const entry of result.log) {
      if (entry.outcome === "requested") continue
      const outcome = entry.outcome === "failed" ? "stopped_by_guardrail" : entry.outcome
      timeline.push({ at: entry.at, step: entry.step, type: entry.type, outcome, detail: entry.detail })
    }
    return result
  }

  let now = start
  let result = feed(now, { kind: "start" })
  for (let inputs = 1; inputs < MAX_SIMULATION_INPUTS; inputs++) {
    if (result.effect) {
      const requested = result.log.find((entry) => entry.key === result.effect!.key)
      const { entry, result: effectResult } = answer(
        definition,
        result.effect,
        now,
        requested?.detail ?? result.effect.type,
        options.checkEmail
      )
      timeline.push(entry)
      result = feed(now, { kind: "effect_done", key: result.effect.key, result: effectResult })
      continue
    }
    if (isTerminal(state)) {
      break
    }
    const event = events[0]
    const wake = state.wake_at
    if (event && event.at <= horizon && (wake === null || event.at <= wake)) {
      events.shift()
      now = event.at
      result = feed(now, { kind: "event", name: event.name, data: event.data })
    } else if (wake !== null && wake <= horizon) {
      now = wake
      result = feed(now, { kind: "tick" })
    } else {
      break
    }
  }
  return { timeline, state, converted }
}
