import crypto from "node:crypto"
import { ICustomerModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { flowMessageKey, type DiscountEffect, type FlowEffect, type SendEmailEffect, type UpdateContactEffect, type WebhookEffect } from "../../../lib/flows"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { buildTemplateDataWorkflow } from "../../messages/template-data/build-template-data"
import type { FlowExtensions } from "../registry"

export type RunForEffect = {
  id: string
  flow_id: string
  contact_id: string
  trigger_data: Record<string, unknown> | null
  /** What earlier steps produced, by step id (a discount's code). */
  results: Record<string, unknown>
}

export type EffectContext = {
  container: MedusaContainer
  run: RunForEffect
  contact: Record<string, any> & { id: string; email: string }
  extensions: FlowExtensions
  now: Date
}

/** An effect that can never succeed (a template deleted since): the run fails instead of retrying. */
export class PermanentEffectError extends Error {}

const marketingOf = (container: MedusaContainer) => container.resolve(MARKETING_MODULE) as MarketingModuleService

/** The latest discount an earlier step of the run made, for the email after it. */
function latestDiscount(results: Record<string, unknown>) {
  const discounts = Object.values(results).filter(
    (result): result is { code: string; kind: "percentage" | "amount"; value: number; currency_code?: string; expires_at: string } =>
      typeof result === "object" && result !== null && "code" in result && "expires_at" in result
  )
  return discounts.length ? discounts[discounts.length - 1] : null
}

async function sendEmail(effect: SendEmailEffect, context: EffectContext) {
  const marketing = marketingOf(context.container)
  const versionId = await marketing.latestTemplateVersionId(effect.config.template_id)
  if (!versionId) {
    throw new PermanentEffectError(`template ${effect.config.template_id} does not exist`)
  }
  const trigger = context.run.trigger_data ?? {}
  const discount = latestDiscount(context.run.results)
  const { result: data } = await buildTemplateDataWorkflow(context.container).run({
    input: {
      contact_id: context.contact.id,
      cart_id: typeof trigger.cart_id === "string" ? trigger.cart_id : null,
      order_id: typeof trigger.order_id === "string" ? trigger.order_id : null,
      discount: discount
        ? {
            code: discount.code,
            type: discount.kind === "percentage" ? "percentage" : "fixed",
            value: discount.value,
            currency_code: discount.currency_code ?? null,
            expires_at: discount.expires_at,
          }
        : null,
    },
  })
  const idempotency_key = flowMessageKey(effect.key)
  const [queued] = await marketing.enqueueMessages([
    {
      contact_id: context.contact.id,
      template_version_id: versionId,
      to_email: context.contact.email,
      reason_type: "flow",
      reason_id: context.run.flow_id,
      reason_step: effect.step,
      transactional: effect.config.transactional,
      idempotency_key,
      send_after: context.now,
      data: data as Record<string, unknown>,
    },
  ])
  // Asked again after a crash, the message is already queued under the key and only found by it.
  const [message] = queued ? [queued] : await marketing.listMessages({ idempotency_key }, { select: ["id"] })
  return { message_id: message?.id ?? null }
}

/** A code derived from the effect key: asking twice makes the same code, and the second ask finds it. */
function discountCode(key: string): string {
  return `FLOW-${crypto.createHash("sha256").update(key).digest("hex").slice(0, 10).toUpperCase()}`
}

async function createDiscount(effect: DiscountEffect, context: EffectContext) {
  const code = discountCode(effect.key)
  const expires_at = new Date(context.now.getTime() + effect.config.expires_in_days * 86_400_000).toISOString()
  const result = {
    code,
    kind: effect.config.kind,
    value: effect.config.value,
    currency_code: effect.config.currency_code,
    expires_at,
  }
  const promotions = context.container.resolve(Modules.PROMOTION)
  const [existing] = await promotions.listPromotions({ code }, { select: ["id"] })
  if (existing) {
    return result
  }
  await createPromotionsWorkflow(context.container).run({
    input: {
      promotionsData: [
        {
          code,
          type: "standard",
          status: "active",
          is_automatic: false,
          // Single use: the code is the contact's, and one order spends it.
          limit: 1,
          application_method: {
            type: effect.config.kind === "percentage" ? "percentage" : "fixed",
            target_type: "order",
            allocation: "across",
            value: effect.config.value,
            ...(effect.config.currency_code ? { currency_code: effect.config.currency_code } : {}),
          },
          campaign: {
            name: `Flow discount ${code}`,
            campaign_identifier: code,
            ends_at: new Date(expires_at),
          },
          metadata: { marketing_flow_id: context.run.flow_id, marketing_run_id: context.run.id, contact_id: context.contact.id },
        } as any,
      ],
    },
  })
  return result
}

async function updateCustomerGroup(effect: FlowEffect & { type: "customer_group" }, context: EffectContext) {
  const customerId = context.contact.customer_id as string | null
  if (!customerId) {
    return { skipped: "the contact has no customer account" }
  }
  const customers: ICustomerModuleService = context.container.resolve(Modules.CUSTOMER)
  const [group] = await customers.listCustomerGroups({ id: effect.config.group_id }, { select: ["id"] })
  if (!group) {
    throw new PermanentEffectError(`customer group ${effect.config.group_id} does not exist`)
  }
  const pair = { customer_id: customerId, customer_group_id: group.id }
  const [member] = await customers.listCustomerGroupCustomers(pair, { select: ["id"] })
  if (effect.config.action === "add" && !member) {
    await customers.addCustomerToGroup(pair)
  }
  if (effect.config.action === "remove" && member) {
    await customers.removeCustomerFromGroup(pair)
  }
  return { customer_id: customerId, group_id: group.id, action: effect.config.action }
}

async function updateContact(effect: UpdateContactEffect, context: EffectContext) {
  const marketing = marketingOf(context.container)
  const { set, lead_points } = effect.config
  if (set) {
    if (set.field.startsWith("metadata.")) {
      const key = set.field.slice("metadata.".length)
      const metadata = { ...((context.contact.metadata as Record<string, unknown>) ?? {}), [key]: set.value }
      await marketing.updateContacts({ id: context.contact.id, metadata })
    } else {
      await marketing.updateContacts({ id: context.contact.id, [set.field]: set.value })
    }
  }
  if (lead_points) {
    // Recorded once per effect key; the points join the score with the event, not twice on a replay.
    const recorded = await marketing.recordContactEvents([
      {
        contact_id: context.contact.id,
        type: "lead_points",
        idempotency_key: `flow:${effect.key}`,
        occurred_at: context.now,
        resource_type: "flow",
        resource_id: context.run.flow_id,
        data: { points: lead_points, step: effect.step },
      },
    ])
    if (recorded.length) {
      await marketing.addLeadPoints(context.contact.id, lead_points, context.now)
    }
  }
  return { set: set ?? null, lead_points: lead_points ?? 0 }
}

const WEBHOOK_TIMEOUT_MS = 10_000

/**
 * A signed POST: `X-Marketing-Signature` is `sha256=<hex HMAC of the body>`
 * with the plugin's secret, and `Idempotency-Key` is the effect key, so the
 * receiver can drop a retry it already handled.
 */
async function callWebhook(effect: WebhookEffect, context: EffectContext, secret: () => Promise<string>) {
  const body = JSON.stringify({
    type: "marketing.flow_step",
    flow_id: context.run.flow_id,
    run_id: context.run.id,
    step: effect.step,
    key: effect.key,
    contact: {
      id: context.contact.id,
      email: context.contact.email,
      first_name: context.contact.first_name ?? null,
      last_name: context.contact.last_name ?? null,
      customer_id: context.contact.customer_id ?? null,
    },
    trigger: context.run.trigger_data,
    sent_at: context.now.toISOString(),
  })
  const signature = crypto.createHmac("sha256", await secret()).update(body).digest("hex")
  const response = await fetch(effect.config.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-marketing-signature": `sha256=${signature}`,
      "idempotency-key": effect.key,
    },
    body,
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  })
  if (!response.ok) {
    throw new Error(`webhook answered ${response.status}`)
  }
  return { status: response.status }
}

/**
 * Performs one effect and returns what it produced. Each is safe to repeat
 * under the same key: the message's idempotency key, a code derived from
 * the key, a group membership checked first, points recorded under the key.
 * `secret` is read only when a webhook needs to sign its body.
 */
export async function performEffect(
  effect: FlowEffect,
  context: EffectContext,
  secret: () => Promise<string>
): Promise<unknown> {
  switch (effect.type) {
    case "send_email":
      return await sendEmail(effect as SendEmailEffect, context)
    case "discount":
      return await createDiscount(effect as DiscountEffect, context)
    case "customer_group":
      return await updateCustomerGroup(effect as FlowEffect & { type: "customer_group" }, context)
    case "update_contact":
      return await updateContact(effect as UpdateContactEffect, context)
    case "webhook":
      return await callWebhook(effect as WebhookEffect, context, secret)
    default: {
      const execute = context.extensions.executors.get(effect.type)
      if (!execute) {
        throw new PermanentEffectError(`no executor is registered for step type "${effect.type}"`)
      }
      return await execute(effect as any, {
        container: context.container,
        run: {
          id: context.run.id,
          flow_id: context.run.flow_id,
          contact_id: context.run.contact_id,
          trigger_data: context.run.trigger_data,
        },
        contact: context.contact,
      })
    }
  }
}

