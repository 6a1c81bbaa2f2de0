// The engine stays free of Medusa imports; this is the same zod v4 instance `@medusajs/framework/zod` re-exports.
// eslint-disable-next-line @medusajs/zod-import-source
import { z } from "zod"
import { MarketingEvents } from "../../types/events"
import type { CustomFlowEffect, FlowEffect } from "./effects"
import { FlowUsageError } from "./errors"
import {
  BUILTIN_STEP_INFO,
  BUILTIN_STEP_TYPES,
  isBuiltinStepType,
  isCustomStepType,
  type CustomStepType,
  type StepTypeInfo,
} from "./step-types"

/** What a developer describes to add a step type to the flow builder. */
export type FlowStepDefinition<Schema extends z.ZodType> = {
  /** Namespaced with a dot, lower case: "acme.sms", "loyalty.add_points". */
  type: string
  /** Shown in the builder's step picker. */
  label: string
  description: string
  /** Validates the step's `config` when a flow is saved; its output is what the executor receives. */
  configSchema: Schema
  /** Custom steps are actions: the engine asks the executor to perform them once per visit. */
  kind: "action"
}

/** A registered step type; `Config` is the parsed config its effects carry. */
export type FlowStepType<Config = unknown> = {
  readonly type: CustomStepType
  readonly label: string
  readonly description: string
  readonly kind: "action"
  readonly configSchema: z.ZodType<Config>
  /** Narrows an effect to this step type, with `config` typed. */
  is(effect: FlowEffect): effect is CustomFlowEffect<Config>
}

/** The parsed config type of a step type made with `defineFlowStep`. */
export type FlowStepConfig<T> = T extends FlowStepType<infer Config> ? Config : never

export type FlowTriggerDefinition = {
  /** The event name as emitted on Medusa's event bus. */
  event: string
  label: string
  description: string
  /** A sample payload, shown in the builder to help write data conditions. */
  dataExample?: Record<string, unknown>
}

export type FlowTriggerInfo = FlowTriggerDefinition & { builtin: boolean }

export const EVENT_NAME_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/

/**
 * Declares a step type of your own for flows: the builder lists it, saving a
 * flow validates each such step's `config` with `configSchema` (an error
 * names the step and the config key), and when a run reaches the step the
 * engine emits an effect of this type for your executor.
 *
 * The effect carries a `key` unique to the run, the step and the visit:
 * record what you did under that key and skip the work when the key is
 * already recorded, so a retried job never sends twice.
 *
 * @example
 * import { z } from "@medusajs/framework/zod"
 *
 * export const sendSms = defineFlowStep({
 *   type: "acme.sms",
 *   label: "Send SMS",
 *   description: "Text the contact through Acme.",
 *   kind: "action",
 *   configSchema: z.strictObject({ text: z.string().min(1).max(320) }),
 * })
 *
 * const registry = new FlowStepRegistry({ steps: [sendSms] })
 *
 * // In the executor:
 * if (sendSms.is(effect)) {
 *   await acme.send({ to: phone, text: effect.config.text, idempotencyKey: effect.key })
 * }
 */
export function defineFlowStep<Schema extends z.ZodType>(
  definition: FlowStepDefinition<Schema>
): FlowStepType<z.output<Schema>> {
  const { type, label, description, configSchema, kind } = definition
  if (!isCustomStepType(type)) {
    throw new FlowUsageError(
      `flow step type "${type}" must be namespaced with a dot and use a-z, 0-9, _ and - (e.g. "acme.sms")`
    )
  }
  if (kind !== "action") {
    throw new FlowUsageError(`flow step type "${type}": kind must be "action"`)
  }
  if (!label.trim()) {
    throw new FlowUsageError(`flow step type "${type}" needs a label`)
  }
  return Object.freeze({
    type,
    label,
    description,
    kind,
    configSchema: configSchema as z.ZodType<z.output<Schema>>,
    is: (effect: FlowEffect): effect is CustomFlowEffect<z.output<Schema>> => effect.type === type,
  })
}

/**
 * Declares an event a flow can start from, so the builder offers it with a
 * label and a sample payload. Flows accept any event name; declaring one is
 * about discoverability.
 *
 * @example
 * export const reviewWritten = defineFlowTrigger({
 *   event: "acme.review_written",
 *   label: "Review written",
 *   description: "A customer reviewed a product.",
 *   dataExample: { product_id: "prod_123", rating: 5 },
 * })
 *
 * const registry = new FlowStepRegistry({ triggers: [reviewWritten] })
 */
export function defineFlowTrigger(definition: FlowTriggerDefinition): Readonly<FlowTriggerDefinition> {
  if (!EVENT_NAME_PATTERN.test(definition.event) || definition.event.length > 200) {
    throw new FlowUsageError(`flow trigger event "${definition.event}" is not an event name such as "order.placed"`)
  }
  if (!definition.label.trim()) {
    throw new FlowUsageError(`flow trigger "${definition.event}" needs a label`)
  }
  return Object.freeze({ ...definition })
}

/** Events the builder offers out of the box. */
export const BUILTIN_TRIGGERS: readonly FlowTriggerDefinition[] = [
  {
    event: "order.placed",
    label: "Order placed",
    description: "A customer placed an order.",
    dataExample: { id: "order_123" },
  },
  {
    event: "customer.created",
    label: "Customer signed up",
    description: "A customer account was created.",
    dataExample: { id: "cus_123" },
  },
  {
    event: MarketingEvents.CART_ABANDONED,
    label: "Cart abandoned",
    description: "A cart with an email saw no activity for the abandonment delay.",
    dataExample: {
      id: "cart_123",
      cart_id: "cart_123",
      contact_id: "mkt_con_123",
      email: "ana@example.com",
      activity_at: "2026-01-31T09:00:00.000Z",
    },
  },
  {
    event: MarketingEvents.SEGMENT_ENTERED,
    label: "Entered a segment",
    description: "A contact joined a segment; filter on data.segment_id.",
    dataExample: { segment_id: "mkt_seg_123", contact_id: "mkt_con_123" },
  },
  {
    event: MarketingEvents.SEGMENT_EXITED,
    label: "Left a segment",
    description: "A contact left a segment; filter on data.segment_id.",
    dataExample: { segment_id: "mkt_seg_123", contact_id: "mkt_con_123" },
  },
  {
    event: "product.created",
    label: "Product created",
    description: "A product was added to the catalogue.",
    dataExample: { id: "prod_123" },
  },
]

export type ConfigParseResult = { ok: true; config: unknown } | { ok: false; issues: z.core.$ZodIssue[] }

/**
 * The step types and triggers a store's flows may use: the built-in ones
 * plus those registered by the store's code or other plugins. Parsing a
 * flow takes a registry so custom steps are validated by their own schema.
 */
export class FlowStepRegistry {
  private readonly customSteps = new Map<string, FlowStepType<unknown>>()
  private readonly customTriggers = new Map<string, FlowTriggerDefinition>()

  constructor(
    options: {
      steps?: readonly FlowStepType<unknown>[]
      triggers?: readonly FlowTriggerDefinition[]
    } = {}
  ) {
    for (const step of options.steps ?? []) {
      this.register(step)
    }
    for (const trigger of options.triggers ?? []) {
      this.registerTrigger(trigger)
    }
  }

  /** Adds a step type; a second registration of the same type is refused, so two plugins cannot silently collide. */
  register<Config>(step: FlowStepType<Config>): this {
    if (isBuiltinStepType(step.type) || this.customSteps.has(step.type)) {
      throw new FlowUsageError(`flow step type "${step.type}" is already registered`)
    }
    this.customSteps.set(step.type, step as FlowStepType<unknown>)
    return this
  }

  registerTrigger(trigger: FlowTriggerDefinition): this {
    const taken = BUILTIN_TRIGGERS.some((builtin) => builtin.event === trigger.event)
    if (taken || this.customTriggers.has(trigger.event)) {
      throw new FlowUsageError(`flow trigger "${trigger.event}" is already registered`)
    }
    this.customTriggers.set(trigger.event, defineFlowTrigger(trigger))
    return this
  }

  /** A registered custom step type. */
  get(type: string): FlowStepType<unknown> | undefined {
    return this.customSteps.get(type)
  }

  has(type: string): boolean {
    return isBuiltinStepType(type) || this.customSteps.has(type)
  }

  /** Validates a custom step's config with its type's schema. */
  parseConfig(type: string, config: unknown): ConfigParseResult {
    const step = this.customSteps.get(type)
    if (!step) {
      throw new FlowUsageError(`flow step type "${type}" is not registered`)
    }
    const result = step.configSchema.safeParse(config)
    return result.success ? { ok: true, config: result.data } : { ok: false, issues: result.error.issues }
  }

  /** Every step type, built-in first, for the builder's step picker. */
  stepTypes(): StepTypeInfo[] {
    const builtins = BUILTIN_STEP_TYPES.map((type) => ({ type, ...BUILTIN_STEP_INFO[type], builtin: true }))
    const custom = [...this.customSteps.values()].map((step) => ({
      type: step.type,
      label: step.label,
      description: step.description,
      kind: step.kind,
      builtin: false,
    }))
    return [...builtins, ...custom]
  }

  /** Every event trigger the builder offers, built-in first. */
  triggers(): FlowTriggerInfo[] {
    return [
      ...BUILTIN_TRIGGERS.map((trigger) => ({ ...trigger, builtin: true })),
      ...[...this.customTriggers.values()].map((trigger) => ({ ...trigger, builtin: false })),
    ]
  }
}
