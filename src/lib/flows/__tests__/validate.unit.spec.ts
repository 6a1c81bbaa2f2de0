import { validateFlow, validateFlowAll } from "../validate"
import { abandonedCartJson, flow } from "./fixtures"

const wait = (next?: string) => ({ type: "wait", duration: { amount: 1, unit: "days" }, ...(next ? { next } : {}) })
const email = (next?: string, template_id = "tpl_1") => ({ type: "send_email", template_id, ...(next ? { next } : {}) })
const check = (yes: string, no: string) => ({
  type: "condition",
  rule: { type: "field", field: "orders_count", operator: "gte", value: 1 },
  yes,
  no,
})

const flowOf = (steps: Record<string, unknown>, entry = "a", extra: Record<string, unknown> = {}) =>
  flow({ trigger: { type: "event", event: "customer.created" }, entry, steps, ...extra })

describe("validateFlow", () => {
  it("accepts the abandoned-cart playbook", () => {
    expect(validateFlow(flow(abandonedCartJson), { templateIds: new Set(["tpl_cart_1", "tpl_cart_2"]) })).toEqual({
      ok: true,
    })
  })

  it("names the step that links to a missing step, and the missing id", () => {
    const result = validateFlow(flowOf({ a: email("b"), b: check("c", "nowhere"), c: email() }))
    expect(result).toEqual({
      ok: false,
      error: {
        code: "missing_step",
        path: "steps.b.no",
        step: "b",
        message: 'step "b" goes to "nowhere", which does not exist',
      },
    })
  })

  it("points into split branches", () => {
    const split = { type: "split", branches: [{ percent: 50, next: "b" }, { percent: 50, next: "gone" }] }
    const result = validateFlow(flowOf({ a: split, b: email() }))
    expect(!result.ok && result.error.path).toBe("steps.a.branches[1].next")
  })

  it("needs the entry step to exist", () => {
    expect(validateFlow(flowOf({ a: email() }, "start"))).toEqual({
      ok: false,
      error: { code: "missing_entry", path: "entry", message: 'the entry step "start" does not exist' },
    })
  })

  it("refuses a step the entry cannot reach", () => {
    const result = validateFlow(flowOf({ a: email("b"), b: wait(), orphan: email("b") }))
    expect(result).toEqual({
      ok: false,
      error: {
        code: "unreachable_step",
        path: "steps.orphan",
        step: "orphan",
        message: 'step "orphan" cannot be reached from the entry step "a"',
      },
    })
  })

  it("refuses a loop without a wait and names its steps", () => {
    const result = validateFlow(flowOf({ a: email("b"), b: check("c", "a"), c: email() }))
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.code).toBe("cycle_without_wait")
    expect(!result.ok && result.error.message).toContain("steps a → b → a form a loop without a wait")
    expect(validateFlow(flowOf({ a: check("a", "b"), b: email() })).ok).toBe(false)
  })

  it("accepts a loop that goes through a wait of any kind", () => {
    expect(validateFlow(flowOf({ a: email("b"), b: check("c", "w"), w: wait("a"), c: email() }))).toEqual({ ok: true })
    const until = { type: "wait_until", time: "09:00", next: "a" }
    expect(validateFlow(flowOf({ a: email("b"), b: check("c", "w"), w: until, c: email() }))).toEqual({ ok: true })
    const forEvent = {
      type: "wait_for_event",
      event: "order.placed",
      timeout: { amount: 7, unit: "days" },
      on_event: "c",
      on_timeout: "a",
    }
    expect(validateFlow(flowOf({ a: email("w"), w: forEvent, c: email() }))).toEqual({ ok: true })
  })

  it("refuses templates, segments and groups that do not exist, when it knows which exist", () => {
    const definition = flowOf(
      {
        a: email("b", "tpl_gone"),
        b: {
          type: "condition",
          rule: { type: "segment", segment_id: "seg_gone", in: true },
          yes: "c",
          no: "c",
        },
        c: { type: "customer_group", action: "add", group_id: "grp_gone" },
      },
      "a",
      {
        trigger: {
          type: "event",
          event: "marketing.segment_entered",
          filter: { data: [{ path: "segment_id", operator: "eq", value: "seg_trigger_gone" }] },
        },
      }
    )
    expect(validateFlow(definition)).toEqual({ ok: true })
    const issues = validateFlowAll(definition, {
      templateIds: new Set(["tpl_1"]),
      segmentIds: new Set(["seg_1"]),
      groupIds: new Set(["grp_1"]),
    })
    expect(issues.map(({ code, path, message }) => ({ code, path, message }))).toEqual([
      {
        code: "unknown_segment",
        path: "trigger.filter.data[0].value",
        message: 'the trigger uses segment "seg_trigger_gone", which does not exist',
      },
      {
        code: "unknown_template",
        path: "steps.a.template_id",
        message: 'step "a" uses email template "tpl_gone", which does not exist',
      },
      { code: "unknown_segment", path: "steps.b.rule", message: 'step "b" uses segment "seg_gone", which does not exist' },
      {
        code: "unknown_group",
        path: "steps.c.group_id",
        message: 'step "c" uses customer group "grp_gone", which does not exist',
      },
    ])
  })

  it("lists every issue for the builder in a stable order, and validateFlow reports the first", () => {
    const definition = flowOf({
      a: email("b"),
      b: check("a", "missing"),
      orphan: email("a", "tpl_gone"),
    })
    const issues = validateFlowAll(definition, { templateIds: new Set(["tpl_1"]) })
    expect(issues.map((issue) => `${issue.code} ${issue.path}`)).toEqual([
      "missing_step steps.b.no",
      "unreachable_step steps.orphan",
      "cycle_without_wait steps.a",
      "unknown_template steps.orphan.template_id",
    ])
    const first = validateFlow(definition, { templateIds: new Set(["tpl_1"]) })
    expect(!first.ok && first.error).toEqual(issues[0])
  })
})
