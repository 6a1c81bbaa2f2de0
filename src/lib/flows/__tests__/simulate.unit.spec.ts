import { localDateTime } from "../local-time"
import { simulateFlow, type EmailCheck } from "../simulate"
import { abandonedCartJson, DAY, flow, HOUR, T0, welcomeJson } from "./fixtures"

const iso = (at: number) => new Date(at).toISOString()
const rows = (timeline: ReturnType<typeof simulateFlow>["timeline"]) =>
  timeline.map((entry) => [iso(entry.at), entry.step, entry.type, entry.outcome, entry.detail])

describe("simulateFlow", () => {
  const definition = flow(abandonedCartJson)
  const triggerData = { cart_id: "cart_1" }

  it("shows the abandoned-cart flow's timeline when the contact does not order", () => {
    const { timeline, state } = simulateFlow(definition, { contact: {}, triggerData, start: T0, horizonDays: 7 })
    expect(rows(timeline)).toEqual([
      [iso(T0), "wait_1h", "wait", "waited", `until ${iso(T0 + HOUR)}`],
      [iso(T0 + HOUR), "reminder_1", "send_email", "executed", 'email template "tpl_cart_1"'],
      [iso(T0 + HOUR), "wait_23h", "wait", "waited", `until ${iso(T0 + DAY)}`],
      [iso(T0 + DAY), "discount", "discount", "executed", "10% discount valid 7 days"],
      [iso(T0 + DAY), "reminder_2", "send_email", "executed", 'email template "tpl_cart_2"'],
      [iso(T0 + DAY), null, "complete", "executed", "run completed"],
    ])
    expect(timeline[1].effect).toMatchObject({ type: "send_email", config: { template_id: "tpl_cart_1" } })
    expect(state.status).toBe("completed")
  })

  it("ends the timeline at an order for the cart five hours in", () => {
    const { timeline, state, converted } = simulateFlow(definition, {
      contact: {},
      triggerData,
      start: T0,
      horizonDays: 7,
      events: [{ at: T0 + 5 * HOUR, name: "order.placed", data: { cart_id: "cart_1" } }],
    })
    expect(rows(timeline).slice(-2)).toEqual([
      [iso(T0 + 5 * HOUR), "wait_23h", "goal", "executed", "order.placed: goal reached"],
      [iso(T0 + 5 * HOUR), "wait_23h", "exit_on", "executed", "order.placed: run exited"],
    ])
    expect(timeline.filter((entry) => entry.type === "send_email")).toHaveLength(1)
    expect(state.status).toBe("exited")
    expect(converted).toBe(true)
  })

  it("reports an event that changes nothing as skipped", () => {
    const { timeline } = simulateFlow(definition, {
      contact: {},
      triggerData,
      start: T0,
      horizonDays: 7,
      events: [{ at: T0 + 2 * HOUR, name: "customer.updated" }],
    })
    expect(rows(timeline)[3]).toEqual([
      iso(T0 + 2 * HOUR),
      "wait_23h",
      "event",
      "skipped",
      "customer.updated matched no exit rule, goal or wait",
    ])
    expect(timeline.filter((entry) => entry.type === "send_email")).toHaveLength(2)
  })

  it("shows which emails the guardrails would stop, and carries on", () => {
    // Quiet hours from 21:00 to 08:00 in the contact's zone.
    const checkEmail = (_step: unknown, at: number): EmailCheck => {
      const hour = localDateTime(at, "America/New_York").hour
      return hour >= 21 || hour < 8 ? { allowed: false, reason: "quiet_hours", explanation: "quiet hours" } : { allowed: true }
    }
    // 20:30 in New York: the first reminder falls at 21:30, the second at 20:30 the next day.
    const start = Date.parse("2026-01-14T01:30:00Z")
    const { timeline } = simulateFlow(definition, { contact: {}, triggerData, start, horizonDays: 7, checkEmail })
    const emails = timeline.filter((entry) => entry.type === "send_email")
    expect(emails.map((entry) => [entry.step, entry.outcome, entry.detail])).toEqual([
      ["reminder_1", "stopped_by_guardrail", 'email template "tpl_cart_1": quiet hours'],
      ["reminder_2", "executed", 'email template "tpl_cart_2"'],
    ])
    expect(timeline[timeline.length - 1].type).toBe("complete")
  })

  it("stops at the horizon with the run still waiting", () => {
    const { timeline, state } = simulateFlow(flow(welcomeJson), { contact: {}, start: T0, horizonDays: 3 })
    expect(timeline.filter((entry) => entry.type === "send_email").map((entry) => entry.step)).toEqual(["welcome", "tips"])
    expect(state).toMatchObject({ status: "waiting", step: "wait_3d", wake_at: T0 + 5 * DAY })
  })

  it("says when the trigger's filter keeps the contact out", () => {
    const filtered = flow({
      ...abandonedCartJson,
      trigger: {
        type: "event",
        event: "marketing.cart_abandoned",
        filter: { contact: { type: "field", field: "consent_status", operator: "eq", value: "subscribed" } },
      },
    })
    const { timeline, state } = simulateFlow(filtered, { contact: { consent_status: "unsubscribed" }, triggerData, start: T0, horizonDays: 7 })
    expect(rows(timeline)).toEqual([
      [iso(T0), null, "trigger", "skipped", "marketing.cart_abandoned: the trigger's filter does not match this contact and data"],
    ])
    expect(state.visits).toEqual({})
  })
})
