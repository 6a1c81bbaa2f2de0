import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import {
  FlowStepRegistry,
  type CustomFlowEffect,
  type FlowStepType,
  type FlowTriggerDefinition,
} from "../../lib/flows"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"

/** What a custom step's executor is told besides the effect. */
export type FlowStepExecutionContext = {
  container: MedusaContainer
  run: { id: string; flow_id: string; contact_id: string; trigger_data: unknown }
  contact: Record<string, unknown> & { id: string; email: string }
}

/**
 * A step type of the store's own with the code that performs it. Perform
 * the effect at most once per `effect.key` (pass it on as an idempotency
 * key, or record it and skip a key already done): a run retried after a
 * crash asks again with the same key. What it returns is kept as the step's
 * result; throwing retries the step with backoff, then fails the run.
 *
 * @example
 * // medusa-config.ts
 * import { defineFlowStep } from "medusa-marketing-automation/lib/flows"
 * const sendSms = defineFlowStep({
 *   type: "acme.sms", label: "Send SMS", description: "Text the contact.", kind: "action",
 *   configSchema: z.strictObject({ text: z.string().min(1).max(320) }),
 * })
 * plugins: [{
 *   resolve: "medusa-marketing-automation",
 *   options: { flows: { steps: [{ step: sendSms, execute: async (effect, { contact }) => sms.send(contact, effect.config.text, effect.key) }] } },
 * }]
 */
export type FlowStepExecutor<Config = any> = {
  step: FlowStepType<Config>
  execute: (effect: CustomFlowEffect<Config>, context: FlowStepExecutionContext) => Promise<unknown>
}

/**
 * An event flows can start from, with how to find the contact it is about
 * when the payload has no `contact_id`, `customer_id` or `email`.
 */
export type FlowTriggerSource = FlowTriggerDefinition & {
  resolve?: (
    data: unknown,
    container: MedusaContainer
  ) => Promise<{ email?: string | null; customer_id?: string | null; contact_id?: string | null; entry_key?: string } | null>
}

export type FlowExtensions = {
  registry: FlowStepRegistry
  executors: Map<string, FlowStepExecutor["execute"]>
  triggers: Map<string, FlowTriggerSource>
}

const byOptions = new WeakMap<object, FlowExtensions>()

/** The store's flow registry: built-in steps plus what `flows` in the plugin options adds. */
export async function flowExtensions(container: MedusaContainer): Promise<FlowExtensions> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const options = await marketing.getOptions()
  const cached = byOptions.get(options)
  if (cached) {
    return cached
  }
  const steps = options.flows.steps as FlowStepExecutor[]
  const triggers = options.flows.triggers as FlowTriggerSource[]
  const registry = new FlowStepRegistry()
  const executors = new Map<string, FlowStepExecutor["execute"]>()
  try {
    for (const executor of steps) {
      if (typeof executor.execute !== "function") {
        throw new Error(`flows.steps: "${executor.step?.type}" needs an execute function`)
      }
      registry.register(executor.step)
      executors.set(executor.step.type, executor.execute)
    }
    for (const trigger of triggers) {
      registry.registerTrigger(trigger)
    }
  } catch (error) {
    throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `medusa-marketing-automation: ${(error as Error).message}`)
  }
  const extensions = { registry, executors, triggers: new Map(triggers.map((t) => [t.event, t])) }
  byOptions.set(options, extensions)
  return extensions
}
