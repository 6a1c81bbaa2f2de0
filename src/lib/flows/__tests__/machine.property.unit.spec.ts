import fc from "fast-check"
import { parseFlowDefinition, type FlowDefinition } from "../definition"
import type { FlowEffect } from "../effects"
import {
  advance,
  createRunState,
  isTerminal,
  MAX_STEP_VISITS,
  MAX_TRANSITIONS_PER_ADVANCE,
  type FlowInput,
  type FlowRunState,
} from "../machine"
import { keyedRandom } from "../random"
import { stepKind } from "../step-types"
import { validateFlowAll } from "../validate"
import { DAY, T0 } from "./fixtures"

const STEP_TYPES = [
  "wait",
  "wait_until",
  "wait_for_event",
  "condition",
  "split",
  "send_email",
  "discount",
  "update_contact",
  "exit",
] as const

const EVENTS = ["order.placed", "email.clicked", "customer.updated"]

/**
 * A random flow of 2 to 10 steps. Each step's first link goes to the next
 * step so most flows are connected; other links of control and action
 * steps go forward only, and waits may link back anywhere, so loops exist
 * but always pass through a wait. Flows validation refuses are discarded.
 */
const flowArbitrary = fc
  .integer({ min: 2, max: 10 })
  .chain((size) =>
    fc.record({
      size: fc.constant(size),
      types: fc.array(fc.constantFrom(...STEP_TYPES), { minLength: size, maxLength: size }),
      picks: fc.array(fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), { minLength: size, maxLength: size }),
      exitOnOrder: fc.boolean(),
      threshold: fc.integer({ min: 0, max: 3 }),
    })
  )
  .map(({ size, types, picks, exitOnOrder, threshold }) => {
    const id = (index: number) => `s${index}`
    const forward = (index: number, pick: number) => {
      const choices = size - index - 1
      return choices > 0 ? id(index + 1 + (pick % choices)) : undefined
    }
    const anywhere = (pick: number) => id(pick % size)
    const steps: Record<string, unknown> = {}
    types.forEach((type, index) => {
      const [a, b, c] = picks[index]
      const first = index + 1 < size ? id(index + 1) : undefined
      const wait = stepKind(type) === "wait"
      const second = wait ? anywhere(b) : forward(index, b)
      const withNext = (step: Record<string, unknown>) => (first ? { ...step, next: wait && c % 3 === 0 ? second : first } : step)
      switch (type) {
        case "wait":
          steps[id(index)] = withNext({ type, duration: { amount: 1 + (a % 48), unit: "hours" } })
          break
        case "wait_until":
          steps[id(index)] = withNext({ type, time: `${String(a % 24).padStart(2, "0")}:30`, weekdays: [1 + (b % 7)] })
          break
        case "wait_for_event":
          steps[id(index)] = {
            type,
            event: EVENTS[a % EVENTS.length],
            ...(c % 2 === 0 ? { match: { same: { trigger: "cart_id", event: "cart_id" } } } : {}),
            timeout: { amount: 1 + (c % 5), unit: "days" },
            on_event: first ?? anywhere(a),
            on_timeout: second ?? anywhere(c),
          }
          break
        case "condition":
          steps[id(index)] = {
            type,
            rule: { type: "field", field: "orders_count", operator: "gte", value: threshold },
            yes: first ?? id(0),
            no: second ?? first ?? id(0),
          }
          break
        case "split":
          steps[id(index)] = {
            type,
            branches: [
              { percent: a % 101, next: first ?? id(0) },
              { percent: 100 - (a % 101), next: second ?? first ?? id(0) },
            ],
          }
          break
        case "send_email":
          steps[id(index)] = withNext({ type, template_id: `tpl_${index}` })
          break
        case "discount":
          steps[id(index)] = withNext({ type, kind: "percentage", value: 5 + (a % 20), expires_in_days: 7 })
          break
        case "update_contact":
          steps[id(index)] = withNext({ type, lead_points: 1 + (a % 10) })
          break
        case "exit":
          steps[id(index)] = { type }
          break
      }
    })
    const parsed = parseFlowDefinition({
      trigger: { type: "event", event: "marketing.cart_abandoned" },
      reentry: "every_time",
      goal: { event: "order.placed" },
      ...(exitOnOrder ? { exit_on: [{ event: "order.placed", match: { same: { trigger: "cart_id", event: "cart_id" } } }] } : {}),
      entry: "s0",
      steps,
    })
    return parsed.ok && validateFlowAll(parsed.definition).length === 0 ? parsed.definition : null
  })
  .filter((definition): definition is FlowDefinition => definition !== null)

type Command =
  | { kind: "tick"; after: number }
  | { kind: "event"; name: string; cart: string }
  | { kind: "ack" }
  | { kind: "ack_again" }
  | { kind: "start" }

const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant("tick" as const), after: fc.integer({ min: 0, max: 3 * DAY }) }),
  fc.record({ kind: fc.constant("event" as const), name: fc.constantFrom(...EVENTS), cart: fc.constantFrom("cart_1", "cart_2") }),
  fc.record({ kind: fc.constant("ack" as const) }),
  fc.record({ kind: fc.constant("ack_again" as const) }),
  fc.record({ kind: fc.constant("start" as const) })
)

/** Plain checks: the drive loop runs thousands of times per flow, too often for expect(). */
function check(condition: boolean, message: string) {
  if (!condition) {
    throw new Error(message)
  }
}

function checkInvariants(definition: FlowDefinition, state: FlowRunState) {
  if (state.status === "waiting") {
    check(state.wake_at !== null && state.pending_effect === null, "a waiting run has a wake time and no effect")
  }
  if (state.pending_effect !== null) {
    check(state.status === "active", "a run with a pending effect is active")
    check(stepKind(definition.steps[state.step!].type) === "action", "a pending effect belongs to an action step")
  }
  if (isTerminal(state)) {
    check(state.pending_effect === null && state.wake_at === null, "an ended run waits for nothing")
  }
  for (const visits of Object.values(state.visits)) {
    check(visits <= MAX_STEP_VISITS, "no step is entered more often than the limit")
  }
}

describe("advance on random valid flows", () => {
  it("never repeats an effect once it is done, never asks for a second while one is pending, and always ends", () => {
    fc.assert(
      fc.property(
        flowArbitrary,
        fc.array(commandArbitrary, { maxLength: 60 }),
        fc.integer({ min: 0, max: 3 }),
        (definition, commands, ordersCount) => {
          let state = createRunState()
          let now = T0
          const done = new Set<string>()
          const emitted = new Map<string, string>()
          const env = () => ({
            runId: "run_p",
            now,
            contact: { orders_count: ordersCount },
            triggerData: { cart_id: "cart_1" },
            random: keyedRandom("property"),
          })
          const feed = (input: FlowInput) => {
            const result = advance(definition, state, input, env())
            check(result.log.length <= MAX_TRANSITIONS_PER_ADVANCE + 3, "one advance goes through a bounded number of steps")
            if (result.effect) {
              const effect: FlowEffect = result.effect
              const answered = input.kind === "effect_done" && input.key === state.pending_effect
              check(
                state.pending_effect === null || answered || effect.key === state.pending_effect,
                `effect ${effect.key} was asked for while ${state.pending_effect} was still pending`
              )
              check(!done.has(effect.key), `effect ${effect.key} came out again after it was done`)
              const content = JSON.stringify(effect)
              check((emitted.get(effect.key) ?? content) === content, `effect ${effect.key} changed between requests`)
              emitted.set(effect.key, content)
              check(result.state.pending_effect === effect.key, "the run waits for the effect it asked for")
            }
            checkInvariants(definition, result.state)
            state = result.state
            return result
          }
          const acknowledge = () => {
            if (state.pending_effect === null) return
            const key = state.pending_effect
            check(!done.has(key), `effect ${key} was pending again after it was done`)
            done.add(key)
            feed({ kind: "effect_done", key })
          }

          feed({ kind: "start" })
          for (const command of commands) {
            if (command.kind === "tick") {
              now += command.after
              feed({ kind: "tick" })
            } else if (command.kind === "event") {
              feed({ kind: "event", name: command.name, data: { cart_id: command.cart } })
            } else if (command.kind === "ack") {
              acknowledge()
            } else if (command.kind === "ack_again" && done.size > 0) {
              const before = state
              const result = advance(definition, state, { kind: "effect_done", key: [...done][done.size - 1] }, env())
              expect(result.state).toEqual(before)
              expect(result.effect).toBeNull()
            } else {
              feed({ kind: "start" })
            }
          }

          // Driven on by a healthy executor, every run ends: loops are bounded by the visit limit.
          const bound = Object.keys(definition.steps).length * MAX_STEP_VISITS * 2 + 10
          for (let i = 0; i < bound && !isTerminal(state); i++) {
            if (state.pending_effect !== null) {
              acknowledge()
            } else {
              now = Math.max(now, state.wake_at ?? now)
              feed({ kind: "tick" })
            }
          }
          expect(isTerminal(state)).toBe(true)
        }
      ),
      { numRuns: 150 }
    )
  })
})
