import { parseFlowDefinition } from "../definition"
import { MAX_STEPS } from "../step-types"
import { abandonedCartJson } from "./fixtures"

const base = {
  trigger: { type: "event", event: "order.placed" },
  entry: "a",
}

const withSteps = (steps: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ ...base, steps, ...extra })

function errorOf(json: unknown) {
  const result = parseFlowDefinition(json)
  if (result.ok) {
    throw new Error(`expected ${JSON.stringify(json)} to be refused`)
  }
  return result.error
}

describe("parseFlowDefinition", () => {
  it("accepts the abandoned-cart playbook and fills in the default re-entry policy", () => {
    const result = parseFlowDefinition(abandonedCartJson)
    expect(result).toEqual({ ok: true, definition: abandonedCartJson })
    const { reentry: _reentry, ...withoutReentry } = abandonedCartJson
    const parsed = parseFlowDefinition(withoutReentry)
    expect(parsed.ok && parsed.definition.reentry).toBe("once")
  })

  it("accepts every built-in step type", () => {
    const json = withSteps(
      {
        a: { type: "wait", duration: { amount: 30, unit: "minutes" }, next: "b" },
        b: { type: "wait_until", time: "09:00", weekdays: [1, 2, 3, 4, 5], next: "c" },
        c: {
          type: "wait_for_event",
          event: "order.placed",
          match: { data: [{ path: "total", operator: "gte", value: 50 }] },
          timeout: { amount: 3, unit: "days" },
          on_event: "d",
          on_timeout: "e",
        },
        d: {
          type: "condition",
          rule: { type: "field", field: "orders_count", operator: "gte", value: 2 },
          data: [{ path: "items.0.product_id", operator: "in", value: ["prod_1", "prod_2"] }],
          yes: "e",
          no: "f",
        },
        e: { type: "split", branches: [{ percent: 50, next: "f", label: "A" }, { percent: 50, next: "g" }] },
        f: { type: "discount", kind: "amount", value: 5, currency_code: "eur", expires_in_days: 14, next: "g" },
        g: { type: "customer_group", action: "add", group_id: "cusgroup_vip", next: "h" },
        h: { type: "update_contact", set: { field: "metadata.source", value: "flow" }, lead_points: 5, next: "i" },
        i: { type: "webhook", url: "https://hooks.example.com/flow", next: "j" },
        j: { type: "send_email", template_id: "tpl_1", transactional: true, next: "k" },
        k: { type: "exit", label: "Done" },
      },
      {
        trigger: {
          type: "event",
          event: "marketing.segment_entered",
          filter: {
            contact: { type: "field", field: "consent_status", operator: "eq", value: "subscribed" },
            data: [{ path: "segment_id", operator: "eq", value: "seg_vip" }],
          },
        },
        reentry: { days: 30 },
        holdout_percent: 10,
      }
    )
    expect(parseFlowDefinition(json).ok).toBe(true)
  })

  it("names the step and the key of a bad value", () => {
    const json = {
      ...abandonedCartJson,
      steps: { ...abandonedCartJson.steps, reminder_2: { type: "send_email", template_id: "" } },
    }
    expect(errorOf(json)).toEqual({ path: "steps.reminder_2.template_id", message: "must not be empty" })
  })

  it("names a misspelt key in a step", () => {
    const json = withSteps({ a: { type: "send_email", template_id: "tpl_1", nxt: "b" } })
    expect(errorOf(json)).toEqual({ path: "steps.a.nxt", message: 'unknown property "nxt"' })
  })

  it("says which key is missing or of the wrong type", () => {
    expect(errorOf(withSteps({ a: { type: "send_email" } }))).toEqual({
      path: "steps.a.template_id",
      message: "is required",
    })
    expect(errorOf(withSteps({ a: { type: "wait", duration: { amount: 1.5, unit: "days" } } }))).toEqual({
      path: "steps.a.duration.amount",
      message: "must be an integer",
    })
    expect(errorOf(withSteps({ a: { type: "send_email", template_id: "tpl_1", transactional: "yes" } }))).toEqual({
      path: "steps.a.transactional",
      message: "must be true or false",
    })
  })

  it("lists the step types when a type is unknown, and points custom-looking ones to defineFlowStep", () => {
    const unknown = errorOf(withSteps({ a: { type: "send_sms" } }))
    expect(unknown.path).toBe("steps.a.type")
    expect(unknown.message).toContain('unknown step type "send_sms"')
    expect(unknown.message).toContain("wait_for_event")
    const unregistered = errorOf(withSteps({ a: { type: "acme.sms", config: {} } }))
    expect(unregistered.path).toBe("steps.a.type")
    expect(unregistered.message).toContain("defineFlowStep")
  })

  it("refuses step ids outside a-z, 0-9, _ and -", () => {
    expect(errorOf(withSteps({ "Reminder 1": { type: "exit" } }))).toEqual({
      path: "steps.Reminder 1",
      message: "step ids are 1 to 64 characters of a-z, 0-9, _ and -",
    })
    expect(errorOf(withSteps({ a: { type: "wait", duration: { amount: 1, unit: "days" }, next: "B" } })).path).toBe(
      "steps.a.next"
    )
  })

  it("reports a segment rule's own error under the step that holds it", () => {
    const json = withSteps({
      a: {
        type: "condition",
        rule: { type: "group", match: "all", rules: [{ type: "field", field: "email", operator: "gt", value: 3 }] },
        yes: "a",
        no: "a",
      },
    })
    const error = errorOf(json)
    expect(error.path).toBe("steps.a.rule.rules[0].operator")
    expect(error.message).toContain('operator "gt" does not apply to text field "email"')
  })

  it("needs a rule or data conditions in a condition step", () => {
    expect(errorOf(withSteps({ a: { type: "condition", yes: "a", no: "a" } }))).toEqual({
      path: "steps.a.rule",
      message: "a condition needs a rule, data conditions or both",
    })
  })

  it("checks triggers", () => {
    expect(errorOf({ ...withSteps({ a: { type: "exit" } }), trigger: { type: "cron" } })).toEqual({
      path: "trigger.type",
      message: "unknown trigger type; use one of: event, date, inactivity",
    })
    const notDate = errorOf({
      ...withSteps({ a: { type: "exit" } }),
      trigger: { type: "date", field: "email", offset_days: 0, annual: true },
    })
    expect(notDate.path).toBe("trigger.field")
    expect(notDate.message).toContain("birth_date")
    expect(notDate.message).toContain("first_order_at")
    expect(
      errorOf({ ...withSteps({ a: { type: "exit" } }), trigger: { type: "date", field: "birth_date", offset_days: 400, annual: true } }).path
    ).toBe("trigger.offset_days")
    expect(
      errorOf({ ...withSteps({ a: { type: "exit" } }), trigger: { type: "date", field: "birth_date", offset_days: 0, annual: true, hour: 24 } }).path
    ).toBe("trigger.hour")
    expect(errorOf({ ...withSteps({ a: { type: "exit" } }), trigger: { type: "inactivity", days: 0 } }).path).toBe(
      "trigger.days"
    )
    expect(errorOf({ ...withSteps({ a: { type: "exit" } }), trigger: { type: "event", event: "order placed" } })).toEqual({
      path: "trigger.event",
      message: 'must be an event name such as "order.placed"',
    })
  })

  it("checks the entry policy", () => {
    expect(errorOf(withSteps({ a: { type: "exit" } }, { reentry: "sometimes" }))).toEqual({
      path: "reentry",
      message: 'must be "once", "every_time" or { "days": N } with N from 1 to 3650',
    })
    expect(errorOf(withSteps({ a: { type: "exit" } }, { holdout_percent: 60 })).path).toBe("holdout_percent")
    expect(errorOf(withSteps({ a: { type: "exit" } }, { exit_on: [{ event: "order.placed", match: {} }] }))).toEqual({
      path: "exit_on[0].match",
      message: "give same, data or both; leave match out to accept every event of that name",
    })
  })

  it("checks what each step type needs", () => {
    const one = (step: unknown) => errorOf(withSteps({ a: step }))
    expect(one({ type: "wait", duration: { amount: 366, unit: "days" } })).toEqual({
      path: "steps.a.duration.amount",
      message: "at most 365 days (365 days)",
    })
    expect(one({ type: "wait", duration: { amount: 53, unit: "weeks" } }).message).toBe("at most 52 weeks (365 days)")
    expect(one({ type: "wait_until", time: "9:00" }).path).toBe("steps.a.time")
    expect(one({ type: "wait_until", time: "09:00", weekdays: [1, 1] })).toEqual({
      path: "steps.a.weekdays",
      message: "must not repeat a weekday",
    })
    expect(one({ type: "split", branches: [{ percent: 60, next: "a" }, { percent: 30, next: "a" }] })).toEqual({
      path: "steps.a.branches",
      message: "branch percentages add up to 90; they must add up to 100",
    })
    expect(one({ type: "discount", kind: "amount", value: 5, expires_in_days: 7 })).toEqual({
      path: "steps.a.currency_code",
      message: "an amount discount needs a currency_code",
    })
    expect(one({ type: "discount", kind: "percentage", value: 150, expires_in_days: 7 }).path).toBe("steps.a.value")
    expect(one({ type: "webhook", url: "http://hooks.example.com" })).toEqual({
      path: "steps.a.url",
      message: "must use https (http only for localhost)",
    })
    expect(parseFlowDefinition(withSteps({ a: { type: "webhook", url: "http://localhost:9000/hook" } })).ok).toBe(true)
    expect(one({ type: "update_contact", set: { field: "email", value: "x@y.z" } }).path).toBe("steps.a.set.field")
    expect(one({ type: "update_contact", set: { field: "birth_date", value: "14/03/1990" } }).path).toBe(
      "steps.a.set.value"
    )
    expect(one({ type: "update_contact" }).message).toBe("update_contact needs set, lead_points or both")
    expect(one({ type: "exit", next: "a" })).toEqual({ path: "steps.a.next", message: 'unknown property "next"' })
  })

  it("checks data conditions against their operator", () => {
    const data = (condition: unknown) =>
      errorOf(withSteps({ a: { type: "condition", data: [condition], yes: "a", no: "a" } }))
    expect(data({ path: "cart_id", operator: "in", value: "cart_1" })).toEqual({
      path: "steps.a.data[0].value",
      message: 'operator "in" needs a list of 1 to 1000 values',
    })
    expect(data({ path: "cart_id", operator: "exists", value: true }).message).toBe('operator "exists" takes no value')
    expect(data({ path: "total", operator: "gt" }).message).toBe('operator "gt" needs a value')
    expect(data({ path: "total", operator: "gt", value: true }).message).toContain("compares a number")
    expect(data({ path: "a..b", operator: "exists" }).path).toBe("steps.a.data[0].path")
  })

  it("refuses more steps than a flow may have before looking at any of them", () => {
    const steps = Object.fromEntries(Array.from({ length: MAX_STEPS + 1 }, (_, i) => [`s${i}`, { type: "nonsense" }]))
    expect(errorOf({ ...base, steps })).toEqual({ path: "steps", message: `a flow has at most ${MAX_STEPS} steps` })
  })

  it("needs at least one step", () => {
    expect(errorOf(withSteps({}))).toEqual({ path: "steps", message: "a flow needs at least one step" })
  })
})
