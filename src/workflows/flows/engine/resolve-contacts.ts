import crypto from "node:crypto"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import type { FlowExtensions } from "../registry"

/** One contact an event is about, what names this occurrence, and the payload flows see. */
export type EventSubject = { contact_id: string; entry_key: string; data: Record<string, unknown> }

type Found = { contact_id?: string | null; customer_id?: string | null; email?: string | null; entry_key?: string; data?: Record<string, unknown> }

const ORDER_EVENTS = new Set([
  "order.placed",
  "order.completed",
  "order.canceled",
  "order.updated",
  "order.fulfillment_created",
  "order.archived",
])

const asRecord = (data: unknown): Record<string, unknown> =>
  typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {}

const text = (value: unknown) => (typeof value === "string" && value ? value : null)

/**
 * Order events carry only ids: the order's buyer is found through Medusa,
 * and the payload gains `order_id` and the order's `cart_id`, so an
 * abandoned-cart flow can exit on "an order for the same cart".
 */
async function fromOrder(container: MedusaContainer, data: Record<string, unknown>): Promise<Found | null> {
  const orderId = text(data.order_id) ?? text(data.id)
  if (!orderId) {
    return null
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "email", "customer_id", "cart.id"],
    filters: { id: orderId },
  })
  const order = orders[0] as { id: string; email: string | null; customer_id: string | null; cart?: { id: string } | null } | undefined
  if (!order) {
    return null
  }
  return {
    customer_id: order.customer_id,
    email: order.email,
    entry_key: order.id,
    data: { ...data, order_id: order.id, cart_id: order.cart?.id ?? null },
  }
}

async function fromCustomer(container: MedusaContainer, data: Record<string, unknown>): Promise<Found | null> {
  const customerId = text(data.id)
  if (!customerId) {
    return null
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: customers } = await query.graph({ entity: "customer", fields: ["id", "email"], filters: { id: customerId } })
  const customer = customers[0] as { id: string; email: string | null } | undefined
  return customer
    ? { customer_id: customer.id, email: customer.email, entry_key: customer.id, data: { ...data, customer_id: customer.id } }
    : null
}

/** Redeliveries of the same event on the same day share a key; nothing else does. */
function occurrenceKey(name: string, data: Record<string, unknown>, at: number): string {
  const day = new Date(at).toISOString().slice(0, 10)
  const digest = crypto.createHash("sha256").update(JSON.stringify(data)).digest("hex").slice(0, 16)
  return `${name}:${day}:${digest}`
}

/**
 * The contacts an event is about: `contact_id` in the payload, else the
 * store's resolver for that event (order and customer events built in, and
 * any a developer registered), else `customer_id` or `email` in the payload.
 * An event about nobody returns an empty list.
 */
export async function resolveEventSubjects(
  container: MedusaContainer,
  extensions: FlowExtensions,
  event: { name: string; data: unknown; at: number }
): Promise<EventSubject[]> {
  const data = asRecord(event.data)
  let found: Found | null = null
  if (text(data.contact_id)) {
    found = { contact_id: text(data.contact_id), entry_key: text(data.cart_id) ?? text(data.id) ?? undefined, data }
  } else if (ORDER_EVENTS.has(event.name)) {
    found = await fromOrder(container, data)
  } else if (event.name === "customer.created" || event.name === "customer.updated") {
    found = await fromCustomer(container, data)
  } else if (extensions.triggers.get(event.name)?.resolve) {
    const resolved = await extensions.triggers.get(event.name)!.resolve!(event.data, container)
    found = resolved ? { ...resolved, data } : null
  } else if (text(data.customer_id) || text(data.email)) {
    found = { customer_id: text(data.customer_id), email: text(data.email), data }
  }
  if (!found) {
    return []
  }
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  let contactId = found.contact_id ?? null
  if (!contactId && found.customer_id) {
    const [contact] = await marketing.listContacts({ customer_id: found.customer_id }, { select: ["id"] })
    contactId = contact?.id ?? null
  }
  if (!contactId && found.email) {
    // The plugin's own subscriber records the same event side by side; upserting by email
    // means whichever runs first creates the one contact both use.
    const [upserted] = await marketing.upsertContacts([
      { email: found.email, ...(found.customer_id ? { customer_id: found.customer_id } : {}) },
    ])
    contactId = upserted?.contact.id ?? null
  }
  if (!contactId) {
    return []
  }
  const payload = found.data ?? data
  return [{ contact_id: contactId, entry_key: found.entry_key ?? occurrenceKey(event.name, payload, event.at), data: payload }]
}
