import { parseFlowDefinition, type FlowDefinition } from "../definition"
import type { FlowEffect } from "../effects"
import { advance, createRunState, type AdvanceResult, type FlowEnv, type FlowInput, type FlowLogEntry } from "../machine"
import { keyedRandom } from "../random"
import type { FlowStepRegistry } from "../registry"

export const MINUTE = 60_000
export const HOUR = 3_600_000
export const DAY = 86_400_000
export const T0 = Date.parse("2026-01-14T10:00:00.000Z")

/** Parses a definition the test means to be valid, failing loudly otherwise. */
export function flow(json: unknown, registry?: FlowStepRegistry): FlowDefinition {
  const parsed = parseFlowDefinition(json, { registry })
  if (!parsed.ok) {
    throw new Error(`${parsed.error.path}: ${parsed.error.message}`)
  }
  return parsed.definition
}

/** The abandoned-cart playbook: reminder after 1 h, discount and second reminder a day in, out on an order for the cart. */
export const abandonedCartJson = {
  trigger: { type: "event", event: "marketing.cart_abandoned" },
  reentry: "every_time",
  goal: { event: "order.placed" },
  exit_on: [{ event: "order.placed", match: { same: { trigger: "cart_id", event: "cart_id" } } }],
  entry: "wait_1h",
  steps: {
    wait_1h: { type: "wait", duration: { amount: 1, unit: "hours" }, next: "reminder_1" },
    reminder_1: { type: "send_email", template_id: "tpl_cart_1", next: "wait_23h" },
    wait_23h: { type: "wait", duration: { amount: 23, unit: "hours" }, next: "discount" },
    discount: { type: "discount", kind: "percentage", value: 10, expires_in_days: 7, next: "reminder_2" },
    reminder_2: { type: "send_email", template_id: "tpl_cart_2" },
  },
}

export const welcomeJson = {
  trigger: { type: "event", event: "customer.created" },
  reentry: "once",
  goal: { event: "order.placed" },
  exit_on: [{ event: "order.placed" }],
  entry: "welcome",
  steps: {
    welcome: { type: "send_email", template_id: "tpl_welcome", next: "wait_2d" },
    wait_2d: { type: "wait", duration: { amount: 2, unit: "days" }, next: "tips" },
    tips: { type: "send_email", template_id: "tpl_tips", next: "wait_3d" },
    wait_3d: { type: "wait", duration: { amount: 3, unit: "days" }, next: "offer" },
    offer: { type: "send_email", template_id: "tpl_offer" },
  },
}

/**
 * One run driven by hand: every input goes through `advance`, the state is
 * kept, effects and log entries are collected in order.
 */
export function driver(definition: FlowDefinition, env: Partial<FlowEnv> = {}) {
  let state = createRunState()
  const effects: { at: number; effect: FlowEffect }[] = []
  const log: FlowLogEntry[] = []
  const feed = (now: number, input: FlowInput): AdvanceResult => {
    const result = advance(definition, state, input, {
      runId: "run_1",
      now,
      contact: {},
      random: keyedRandom("test"),
      ...env,
    })
    state = result.state
    log.push(...result.log)
    if (result.effect) effects.push({ at: now, effect: result.effect })
    return result
  }
  /** Feeds the input, then reports every effect done at once, as a healthy executor would. */
  const settle = (now: number, input: FlowInput): AdvanceResult => {
    let result = feed(now, input)
    while (result.effect) {
      result = feed(now, { kind: "effect_done", key: result.effect.key })
    }
    return result
  }
  /** Ticks at each wake-up until the run ends or would wake after `until`. */
  const runUntil = (until: number) => {
    while (state.wake_at !== null && state.wake_at <= until) {
      settle(state.wake_at, { kind: "tick" })
    }
  }
  return {
    get state() {
      return state
    },
    effects,
    log,
    feed,
    settle,
    runUntil,
    emailTemplates: () =>
      effects.flatMap(({ effect }) => (effect.type === "send_email" ? [effect.config.template_id] : [])),
  }
}
