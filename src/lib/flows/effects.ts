import type {
  CustomerGroupStep,
  DiscountStep,
  SendEmailStep,
  UpdateContactStep,
  WebhookStep,
} from "./definition"
import type { CustomStepType } from "./step-types"

/**
 * What the engine asks the executor to do when a run reaches an action
 * step. `key` is `<run id>:<step id>:<visit>`: the same run at the same
 * visit of a step always produces the same key, so an executor that
 * records its work under the key (a message's idempotency key, a discount
 * code's metadata) never does it twice, however often it is asked.
 */
type EffectBase = {
  key: string
  run_id: string
  /** The step's id in the flow. */
  step: string
  /** How many times the run has entered this step, this time included. */
  visit: number
}

type ConfigOf<Step> = Omit<Step, "type" | "label" | "next">

export type SendEmailEffect = EffectBase & {
  type: "send_email"
  config: Omit<ConfigOf<SendEmailStep>, "transactional"> & { transactional: boolean }
}
export type DiscountEffect = EffectBase & { type: "discount"; config: ConfigOf<DiscountStep> }
export type CustomerGroupEffect = EffectBase & { type: "customer_group"; config: ConfigOf<CustomerGroupStep> }
export type UpdateContactEffect = EffectBase & { type: "update_contact"; config: ConfigOf<UpdateContactStep> }
export type WebhookEffect = EffectBase & { type: "webhook"; config: ConfigOf<WebhookStep> }
/** An effect of a step type registered with `defineFlowStep`; narrow it with the type's `is`. */
export type CustomFlowEffect<Config = unknown> = EffectBase & { type: CustomStepType; config: Config }

export type FlowEffect =
  | SendEmailEffect
  | DiscountEffect
  | CustomerGroupEffect
  | UpdateContactEffect
  | WebhookEffect
  | CustomFlowEffect

/** `<run id>:<step id>:<visit>`; step ids cannot contain ":", so the parts never run together. */
export function effectKey(runId: string, stepId: string, visit: number): string {
  return `${runId}:${stepId}:${visit}`
}

/** The outbox idempotency key of the email a `send_email` effect queues. */
export const flowMessageKey = (effectKey: string) => `flow:${effectKey}`

/** Every effect key a run with these step visits can have used: one per visit of each step. */
export function runEffectKeys(runId: string, visits: Record<string, number>): string[] {
  return Object.entries(visits).flatMap(([stepId, count]) =>
    Array.from({ length: count }, (_, i) => effectKey(runId, stepId, i + 1))
  )
}
