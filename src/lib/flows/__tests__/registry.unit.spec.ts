// eslint-disable-next-line @medusajs/zod-import-source
import { z } from "zod"
import { parseFlowDefinition } from "../definition"
import { advance, createRunState } from "../machine"
import { keyedRandom } from "../random"
import { defineFlowStep, defineFlowTrigger, FlowStepRegistry, type FlowStepConfig } from "../registry"
import { T0 } from "./fixtures"

const sendSms = defineFlowStep({
  type: "acme.sms",
  label: "Send SMS",
  description: "Text the contact through Acme.",
  kind: "action",
  configSchema: z.strictObject({ text: z.string().min(1).max(320), sender: z.string().default("SHOP") }),
})

const smsFlow = (config: unknown) => ({
  trigger: { type: "event", event: "customer.created" },
  entry: "sms",
  steps: { sms: { type: "acme.sms", label: "Say hi", config, next: "bye" }, bye: { type: "exit" } },
})

describe("custom step types", () => {
  const registry = new FlowStepRegistry({ steps: [sendSms] })

  it("validates a registered step's config with its schema and keeps the parsed config", () => {
    const parsed = parseFlowDefinition(smsFlow({ text: "Hi!" }), { registry })
    expect(parsed.ok && parsed.definition.steps.sms).toEqual({
      type: "acme.sms",
      label: "Say hi",
      config: { text: "Hi!", sender: "SHOP" },
      next: "bye",
    })
  })

  it("names the step and the config key when the config is wrong", () => {
    expect(parseFlowDefinition(smsFlow({ text: "" }), { registry })).toEqual({
      ok: false,
      error: { path: "steps.sms.config.text", message: expect.stringContaining(">=1 characters") },
    })
    const unknownKey = parseFlowDefinition(smsFlow({ text: "Hi", emoji: true }), { registry })
    expect(!unknownKey.ok && unknownKey.error).toEqual({ path: "steps.sms.config.emoji", message: 'unknown property "emoji"' })
    const noConfig = parseFlowDefinition({ ...smsFlow({}), steps: { sms: { type: "acme.sms" } } }, { registry })
    expect(!noConfig.ok && noConfig.error.path).toBe("steps.sms.config")
  })

  it("is unknown to a flow parsed without the registry", () => {
    const parsed = parseFlowDefinition(smsFlow({ text: "Hi!" }))
    expect(!parsed.ok && parsed.error.path).toBe("steps.sms.type")
  })

  it("emits an effect the executor can narrow to the step's config type", () => {
    const parsed = parseFlowDefinition(smsFlow({ text: "Hi!" }), { registry })
    if (!parsed.ok) throw new Error(parsed.error.message)
    const { effect, state } = advance(parsed.definition, createRunState(), { kind: "start" }, {
      runId: "run_1",
      now: T0,
      contact: {},
      random: keyedRandom(),
    })
    expect(effect).toEqual({
      key: "run_1:sms:1",
      run_id: "run_1",
      step: "sms",
      visit: 1,
      type: "acme.sms",
      config: { text: "Hi!", sender: "SHOP" },
    })
    expect(state).toMatchObject({ status: "active", pending_effect: "run_1:sms:1" })
    if (!effect || !sendSms.is(effect)) throw new Error("expected an SMS effect")
    const config: FlowStepConfig<typeof sendSms> = effect.config
    expect(config.text.length).toBe(3)
  })

  it("refuses step types that are not namespaced, and a second registration of a type", () => {
    const define = (type: string) =>
      defineFlowStep({ type, label: "X", description: "", kind: "action", configSchema: z.strictObject({}) })
    expect(() => define("sms")).toThrow('must be namespaced with a dot')
    expect(() => define("Acme.SMS")).toThrow("must be namespaced")
    expect(() => new FlowStepRegistry({ steps: [sendSms, sendSms] })).toThrow('"acme.sms" is already registered')
  })

  it("lists built-in and registered step types with labels for the builder", () => {
    const types = registry.stepTypes()
    expect(types.find((type) => type.type === "send_email")).toEqual({
      type: "send_email",
      label: "Send email",
      description: expect.any(String),
      kind: "action",
      builtin: true,
    })
    expect(types.find((type) => type.type === "wait")?.kind).toBe("wait")
    expect(types[types.length - 1]).toEqual({
      type: "acme.sms",
      label: "Send SMS",
      description: "Text the contact through Acme.",
      kind: "action",
      builtin: false,
    })
  })
})

describe("custom triggers", () => {
  it("lists registered triggers after the built-in ones, with their sample data", () => {
    const reviewWritten = defineFlowTrigger({
      event: "acme.review_written",
      label: "Review written",
      description: "A customer reviewed a product.",
      dataExample: { product_id: "prod_1", rating: 5 },
    })
    const triggers = new FlowStepRegistry({ triggers: [reviewWritten] }).triggers()
    expect(triggers.map((trigger) => trigger.event)).toEqual(
      expect.arrayContaining(["order.placed", "customer.created", "marketing.cart_abandoned", "marketing.segment_entered"])
    )
    expect(triggers[triggers.length - 1]).toEqual({ ...reviewWritten, builtin: false })
    expect(() => new FlowStepRegistry({ triggers: [{ ...reviewWritten, event: "order.placed" }] })).toThrow(
      "already registered"
    )
    expect(() => defineFlowTrigger({ event: "review written", label: "x", description: "" })).toThrow("not an event name")
  })
})
