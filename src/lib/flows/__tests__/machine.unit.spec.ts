import type { FlowDefinition } from "../definition"
import { runEffectKeys } from "../effects"
import { advance, createRunState, MAX_STEP_VISITS, type FlowEnv } from "../machine"
import { keyedRandom } from "../random"
import { abandonedCartJson, DAY, driver, flow, HOUR, T0, welcomeJson } from "./fixtures"

const cart = { cart_id: "cart_1" }

describe("abandoned-cart flow", () => {
  const definition = flow(abandonedCartJson)

  it("reminds after an hour, then sends a discount and a second reminder a day in, then completes", () => {
    const run = driver(definition, { triggerData: cart })
    run.settle(T0, { kind: "start" })
    expect(run.state).toMatchObject({ status: "waiting", step: "wait_1h", wake_at: T0 + HOUR })
    expect(run.effects).toEqual([])
    run.runUntil(T0 + 30 * DAY)
    expect(run.effects.map(({ at, effect }) => [at - T0, effect.key, effect.type])).toEqual([
      [HOUR, "run_1:reminder_1:1", "send_email"],
      [24 * HOUR, "run_1:discount:1", "discount"],
      [24 * HOUR, "run_1:reminder_2:1", "send_email"],
    ])
    expect(run.effects[1].effect.config).toEqual({ kind: "percentage", value: 10, expires_in_days: 7 })
    expect(run.state).toMatchObject({ status: "completed", step: null, wake_at: null, ended: { reason: "end_of_flow" } })
  })

  it("exits on an order for the same cart at 5 hours: no discount and no second email come out", () => {
    const run = driver(definition, { triggerData: cart })
    run.settle(T0, { kind: "start" })
    run.runUntil(T0 + 5 * HOUR)
    const result = run.settle(T0 + 5 * HOUR, { kind: "event", name: "order.placed", data: { cart_id: "cart_1" } })
    expect(result.converted).toBe(true)
    expect(run.state).toMatchObject({ status: "exited", wake_at: null, converted_at: T0 + 5 * HOUR })
    expect(run.state.ended).toEqual({ at: T0 + 5 * HOUR, reason: "exit_event", detail: "order.placed" })
    run.settle(T0 + 24 * HOUR, { kind: "tick" })
    run.settle(T0 + 48 * HOUR, { kind: "tick" })
    expect(run.emailTemplates()).toEqual(["tpl_cart_1"])
    expect(run.effects).toHaveLength(1)
  })

  it("keeps going when the order is for another cart, counting the order as a conversion", () => {
    const run = driver(definition, { triggerData: cart })
    run.settle(T0, { kind: "start" })
    const result = run.settle(T0 + 5 * HOUR, { kind: "event", name: "order.placed", data: { cart_id: "cart_2" } })
    expect(result.converted).toBe(true)
    expect(run.state.status).toBe("waiting")
    run.runUntil(T0 + 30 * DAY)
    expect(run.emailTemplates()).toEqual(["tpl_cart_1", "tpl_cart_2"])
  })

  it("never matches an exit when the trigger has no cart id", () => {
    const run = driver(definition, { triggerData: {} })
    run.settle(T0, { kind: "start" })
    run.settle(T0 + 5 * HOUR, { kind: "event", name: "order.placed", data: {} })
    expect(run.state.status).toBe("waiting")
  })
})

describe("effects happen once", () => {
  const definition = flow(abandonedCartJson)
  const env: FlowEnv = { runId: "run_9", now: T0 + HOUR, contact: {}, random: keyedRandom(), triggerData: cart }

  it("asks again for the same effect, with the same key, until it is reported done", () => {
    const waiting = advance(definition, createRunState(), { kind: "start" }, { ...env, now: T0 }).state
    const first = advance(definition, waiting, { kind: "tick" }, env)
    expect(first.effect?.key).toBe("run_9:reminder_1:1")
    const again = advance(definition, first.state, { kind: "tick" }, { ...env, now: T0 + 2 * HOUR })
    expect(again.effect).toEqual(first.effect)
    expect(again.state).toEqual(first.state)
    const restarted = advance(definition, first.state, { kind: "start" }, env)
    expect(restarted.effect).toEqual(first.effect)
  })

  it("ignores a duplicate or stale effect_done", () => {
    const waiting = advance(definition, createRunState(), { kind: "start" }, { ...env, now: T0 }).state
    const asked = advance(definition, waiting, { kind: "tick" }, env)
    const wrongKey = advance(definition, asked.state, { kind: "effect_done", key: "run_9:reminder_2:1" }, env)
    expect(wrongKey.state).toEqual(asked.state)
    const done = advance(definition, asked.state, { kind: "effect_done", key: asked.effect!.key, result: { id: "msg_1" } }, env)
    expect(done.state).toMatchObject({ status: "waiting", step: "wait_23h", results: { reminder_1: { id: "msg_1" } } })
    const duplicate = advance(definition, done.state, { kind: "effect_done", key: asked.effect!.key }, env)
    expect(duplicate.state).toEqual(done.state)
    expect(duplicate.effect).toBeNull()
  })

  it("never changes the state it is given", () => {
    const waiting = advance(definition, createRunState(), { kind: "start" }, { ...env, now: T0 }).state
    const snapshot = JSON.parse(JSON.stringify(waiting))
    advance(definition, waiting, { kind: "tick" }, env)
    advance(definition, waiting, { kind: "event", name: "order.placed", data: cart }, env)
    expect(waiting).toEqual(snapshot)
  })

  it("exits while an effect is pending and then ignores its late effect_done", () => {
    const waiting = advance(definition, createRunState(), { kind: "start" }, { ...env, now: T0 }).state
    const asked = advance(definition, waiting, { kind: "tick" }, env)
    const exited = advance(definition, asked.state, { kind: "event", name: "order.placed", data: cart }, env)
    expect(exited.state).toMatchObject({ status: "exited", pending_effect: null, step: "reminder_1" })
    const late = advance(definition, exited.state, { kind: "effect_done", key: asked.effect!.key }, env)
    expect(late.state).toEqual(exited.state)
    expect(late.effect).toBeNull()
  })

  it("fails the run when the executor reports an effect impossible", () => {
    const waiting = advance(definition, createRunState(), { kind: "start" }, { ...env, now: T0 }).state
    const asked = advance(definition, waiting, { kind: "tick" }, env)
    const failed = advance(definition, asked.state, { kind: "effect_failed", key: asked.effect!.key, error: "template deleted" }, env)
    expect(failed.state).toMatchObject({ status: "failed", ended: { reason: "error", detail: "template deleted" } })
  })
})

describe("welcome series", () => {
  it("stops at the first order and counts it as the conversion", () => {
    const run = driver(flow(welcomeJson))
    run.settle(T0, { kind: "start" })
    run.runUntil(T0 + 2 * DAY)
    expect(run.emailTemplates()).toEqual(["tpl_welcome", "tpl_tips"])
    const order = run.settle(T0 + 3 * DAY, { kind: "event", name: "order.placed", data: { id: "order_1" } })
    expect(order.converted).toBe(true)
    expect(order.log.map((entry) => entry.type)).toEqual(["goal", "exit_on"])
    expect(run.state.status).toBe("exited")
    run.settle(T0 + 10 * DAY, { kind: "tick" })
    expect(run.emailTemplates()).toEqual(["tpl_welcome", "tpl_tips"])
  })

  it("sends the whole series to a contact who does not order", () => {
    const run = driver(flow(welcomeJson))
    run.settle(T0, { kind: "start" })
    run.runUntil(T0 + 30 * DAY)
    expect(run.effects.map(({ at }) => (at - T0) / DAY)).toEqual([0, 2, 5])
    expect(run.state.status).toBe("completed")
  })

  it("counts a conversion once", () => {
    const definition = flow({ ...welcomeJson, exit_on: undefined })
    const run = driver(definition)
    run.settle(T0, { kind: "start" })
    expect(run.settle(T0 + HOUR, { kind: "event", name: "order.placed" }).converted).toBe(true)
    expect(run.settle(T0 + 2 * HOUR, { kind: "event", name: "order.placed" }).converted).toBe(false)
    expect(run.state.converted_at).toBe(T0 + HOUR)
    expect(run.state.status).toBe("waiting")
  })
})

describe("wait_for_event", () => {
  const definition = flow({
    trigger: { type: "event", event: "marketing.cart_abandoned" },
    entry: "reminder",
    steps: {
      reminder: { type: "send_email", template_id: "tpl_reminder", next: "wait_order" },
      wait_order: {
        type: "wait_for_event",
        event: "order.placed",
        match: { same: { trigger: "cart_id", event: "cart_id" } },
        timeout: { amount: 3, unit: "days" },
        on_event: "thanks",
        on_timeout: "nudge",
      },
      thanks: { type: "send_email", template_id: "tpl_thanks" },
      nudge: { type: "send_email", template_id: "tpl_nudge" },
    },
  })

  it("takes on_event when the event comes in time", () => {
    const run = driver(definition, { triggerData: cart })
    run.settle(T0, { kind: "start" })
    expect(run.state).toMatchObject({
      status: "waiting",
      step: "wait_order",
      wake_at: T0 + 3 * DAY,
      waiting_for: { event: "order.placed", timeout_at: T0 + 3 * DAY },
    })
    run.settle(T0 + DAY, { kind: "event", name: "order.placed", data: { cart_id: "cart_1" } })
    expect(run.emailTemplates()).toEqual(["tpl_reminder", "tpl_thanks"])
    expect(run.state.status).toBe("completed")
  })

  it("takes on_timeout when only other events come, at the timeout and not before", () => {
    const run = driver(definition, { triggerData: cart })
    run.settle(T0, { kind: "start" })
    const other = run.settle(T0 + DAY, { kind: "event", name: "order.placed", data: { cart_id: "cart_2" } })
    expect(other.log).toEqual([expect.objectContaining({ type: "event", outcome: "skipped" })])
    run.settle(T0 + 3 * DAY - 1, { kind: "tick" })
    expect(run.state.step).toBe("wait_order")
    run.settle(T0 + 3 * DAY, { kind: "tick" })
    expect(run.emailTemplates()).toEqual(["tpl_reminder", "tpl_nudge"])
  })
})

describe("condition", () => {
  const definition = flow({
    trigger: { type: "event", event: "order.placed" },
    entry: "check",
    steps: {
      check: {
        type: "condition",
        rule: { type: "field", field: "orders_count", operator: "gte", value: 2 },
        data: [{ path: "total", operator: "gte", value: 100 }],
        yes: "vip",
        no: "regular",
      },
      vip: { type: "send_email", template_id: "tpl_vip" },
      regular: { type: "send_email", template_id: "tpl_regular" },
    },
  })

  it("takes yes only when both the contact rule and the trigger data hold", () => {
    const outcome = (orders: number, total: unknown) => {
      const run = driver(definition, { contact: { orders_count: orders }, triggerData: { total } })
      run.settle(T0, { kind: "start" })
      return run.emailTemplates()
    }
    expect(outcome(2, 150)).toEqual(["tpl_vip"])
    expect(outcome(2, "150.00")).toEqual(["tpl_vip"])
    expect(outcome(1, 150)).toEqual(["tpl_regular"])
    expect(outcome(2, 50)).toEqual(["tpl_regular"])
    expect(outcome(2, undefined)).toEqual(["tpl_regular"])
  })
})

describe("split", () => {
  const definition = flow({
    trigger: { type: "event", event: "customer.created" },
    entry: "ab",
    steps: {
      ab: {
        type: "split",
        branches: [
          { percent: 20, next: "a", label: "A" },
          { percent: 30, next: "b" },
          { percent: 50, next: "c" },
        ],
      },
      a: { type: "send_email", template_id: "tpl_a" },
      b: { type: "send_email", template_id: "tpl_b" },
      c: { type: "send_email", template_id: "tpl_c" },
    },
  })
  const branchOf = (runId: string, random = keyedRandom("flow_1")) =>
    advance(definition, createRunState(), { kind: "start" }, { runId, now: T0, contact: {}, random }).state.branches.ab

  it("sends runs down each branch in proportion to its percentage", () => {
    const counts = [0, 0, 0]
    const runs = 10_000
    for (let i = 0; i < runs; i++) {
      counts[branchOf(`run_${i}`)]++
    }
    expect(Math.abs(counts[0] / runs - 0.2)).toBeLessThan(0.02)
    expect(Math.abs(counts[1] / runs - 0.3)).toBeLessThan(0.02)
    expect(Math.abs(counts[2] / runs - 0.5)).toBeLessThan(0.02)
  })

  it("picks the same branch when a run is advanced again", () => {
    for (let i = 0; i < 50; i++) {
      expect(branchOf(`run_${i}`, keyedRandom("flow_1"))).toBe(branchOf(`run_${i}`, keyedRandom("flow_1")))
    }
  })

  it("draws with the run, step and visit as the key and follows the draw", () => {
    const keys: string[] = []
    const random = (key: string) => {
      keys.push(key)
      return 0.45
    }
    const result = advance(definition, createRunState(), { kind: "start" }, { runId: "run_7", now: T0, contact: {}, random })
    expect(keys).toEqual(["run_7:ab:1"])
    expect(result.effect).toMatchObject({ type: "send_email", config: { template_id: "tpl_b" } })
    expect(result.log[0].detail).toBe("branch 2 (30%) → b")
  })
})

describe("guards", () => {
  it("fails a loop through a wait after the visit limit, each visit with its own effect key", () => {
    const definition = flow({
      trigger: { type: "event", event: "customer.created" },
      entry: "nudge",
      steps: {
        nudge: { type: "send_email", template_id: "tpl_nudge", next: "pause" },
        pause: { type: "wait", duration: { amount: 1, unit: "days" }, next: "ordered" },
        ordered: {
          type: "condition",
          rule: { type: "field", field: "orders_count", operator: "gte", value: 1 },
          yes: "done",
          no: "nudge",
        },
        done: { type: "exit" },
      },
    })
    const run = driver(definition, { contact: { orders_count: 0 } })
    run.settle(T0, { kind: "start" })
    run.runUntil(T0 + 400 * DAY)
    const keys = run.effects.map(({ effect }) => effect.key)
    expect(keys.slice(0, 2)).toEqual(["run_1:nudge:1", "run_1:nudge:2"])
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys).toHaveLength(MAX_STEP_VISITS)
    // The keys a run's visits name (how an ending run finds its queued emails) cover every effect it made.
    expect(runEffectKeys("run_1", run.state.visits)).toEqual(expect.arrayContaining(keys))
    expect(runEffectKeys("run_1", { a: 2, b: 1 })).toEqual(["run_1:a:1", "run_1:a:2", "run_1:b:1"])
    expect(run.state.status).toBe("failed")
    expect(run.state.ended?.detail).toContain(`entered more than ${MAX_STEP_VISITS} times`)
  })

  it("fails a loop without a wait in a definition that skipped validation instead of hanging", () => {
    const definition: FlowDefinition = {
      trigger: { type: "event", event: "customer.created" },
      reentry: "once",
      entry: "a",
      steps: {
        a: { type: "condition", data: [{ path: "x", operator: "exists" }], yes: "b", no: "b" },
        b: { type: "split", branches: [{ percent: 100, next: "a" }, { percent: 0, next: "a" }] },
      },
    }
    const result = advance(definition, createRunState(), { kind: "start" }, { runId: "r", now: T0, contact: {}, random: keyedRandom() })
    expect(result.state.status).toBe("failed")
    expect(result.state.ended?.detail).toContain("loops without a wait")
  })

  it("ignores every input once the run has ended", () => {
    const run = driver(flow(welcomeJson))
    run.settle(T0, { kind: "start" })
    run.settle(T0 + HOUR, { kind: "event", name: "order.placed" })
    const ended = run.state
    for (const input of [{ kind: "tick" }, { kind: "start" }, { kind: "event", name: "order.placed" }] as const) {
      const result = run.feed(T0 + 30 * DAY, input)
      expect(result.state).toEqual(ended)
      expect(result.effect).toBeNull()
      expect(result.log).toEqual([])
    }
  })
})

describe("a run handed a flow version without its current step", () => {
  it("fails instead of guessing where to go", () => {
    const cartFlow = flow(abandonedCartJson)
    const env = { runId: "r", now: T0, contact: {}, random: keyedRandom(), triggerData: cart }
    const waiting = advance(cartFlow, createRunState(), { kind: "start" }, env).state
    const other = flow(welcomeJson)
    const result = advance(other, waiting, { kind: "tick" }, { ...env, now: T0 + DAY })
    expect(result.state).toMatchObject({ status: "failed", ended: { detail: 'step "wait_1h" is not in this version of the flow' } })
    expect(result.effect).toBeNull()
  })
})
