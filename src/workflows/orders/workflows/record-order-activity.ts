import {
  createHook,
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  recordContactEventsStep,
  refreshContactFactsStep,
  resolveStoreCurrencyStep,
  touchContactsStep,
  upsertContactsStep,
} from "../../contacts/steps"
import { attributePlacedOrdersStep, toAttributionOrder } from "../../attribution/steps"
import { loadOrdersStep } from "../steps/load-orders"
import { RecordContactEventInput } from "../../../types"
import { refreshChangedContacts } from "../../segments/refresh-changed-contacts"

export type OrderActivityType =
  | "order_placed"
  | "order_canceled"
  | "order_fulfilled"
  | "refund"

export type OrderActivity = {
  order_id: string
  type: OrderActivityType
  /** Defaults to `<type>:<order_id>`; give one when an order can have several (fulfilments, refunds). */
  idempotency_key?: string
  occurred_at?: string | Date
  resource_type?: string
  resource_id?: string
  data?: Record<string, unknown>
}

export type RecordOrderActivityInput = { activities: OrderActivity[] }

const FACT_TYPES = new Set<string>(["order_placed", "order_canceled", "refund"])

export const recordOrderActivityWorkflowId = "record-order-activity"

/**
 * Records order activity on the buyer's contact (created for guests too) and
 * recomputes the contact's facts when the activity changes them; a placed
 * order is also credited to the email that earned it. Replaying the same
 * activity records nothing and changes nothing.
 */
export const recordOrderActivityWorkflow = createWorkflow(
  recordOrderActivityWorkflowId,
  (input: RecordOrderActivityInput) => {
    const currency = resolveStoreCurrencyStep()
    const orderIds = transform({ input }, ({ input }) => [
      ...new Set(input.activities.map((activity) => activity.order_id)),
    ])
    const orders = loadOrdersStep(orderIds)

    const upserts = transform({ orders }, ({ orders }) =>
      orders
        .filter((order) => !!order.email)
        .map((order) => ({
          email: order.email!,
          customer_id: order.customer_id ?? undefined,
          first_name: order.first_name ?? undefined,
          last_name: order.last_name ?? undefined,
          fill_missing: true,
        }))
    )
    const contacts = upsertContactsStep(upserts)

    const events = transform(
      { input, orders, contacts },
      ({ input, orders, contacts }): RecordContactEventInput[] => {
        // upsertContactsStep answers in input order: one contact per order with an email.
        const contactByOrder = new Map(
          orders
            .filter((order) => !!order.email)
            .map((order, index) => [order.id, contacts[index]?.contact.id])
        )
        const orderById = new Map(orders.map((order) => [order.id, order]))
        return input.activities.flatMap((activity) => {
          const order = orderById.get(activity.order_id)
          const contactId = contactByOrder.get(activity.order_id)
          if (!order || !contactId) {
            return []
          }
          const orderData = {
            order_id: order.id,
            display_id: order.display_id,
            currency_code: order.currency_code,
            total: order.total,
            product_ids: order.product_ids,
            category_ids: order.category_ids,
          }
          return [
            {
              contact_id: contactId,
              type: activity.type,
              idempotency_key:
                activity.idempotency_key ?? `${activity.type}:${order.id}`,
              occurred_at:
                activity.occurred_at ??
                (activity.type === "order_placed" ? order.created_at : new Date()),
              resource_type: activity.resource_type ?? "order",
              resource_id: activity.resource_id ?? order.id,
              data:
                activity.type === "order_placed"
                  ? orderData
                  : { ...orderData, ...activity.data },
            },
          ]
        })
      }
    )
    const recorded = recordContactEventsStep({ events, currency_code: currency })

    const changed = transform({ recorded, events }, ({ recorded, events }) => {
      const newKeys = new Set(recorded.map((event) => event.idempotency_key))
      const fresh = events.filter((event) => newKeys.has(event.idempotency_key))
      return {
        facts: [
          ...new Set(
            fresh
              .filter((event) => FACT_TYPES.has(event.type))
              .map((event) => event.contact_id)
          ),
        ],
        touches: fresh
          .filter((event) => event.type === "order_placed")
          .map((event) => ({
            contact_id: event.contact_id,
            last_seen_at: event.occurred_at ?? null,
          })),
      }
    })
    refreshContactFactsStep({ contact_ids: changed.facts, currency_code: currency })
    touchContactsStep(changed.touches)

    refreshChangedContacts(transform({ recorded }, ({ recorded }) => recorded.map((event) => event.contact_id)))

    // In the same run as the capture: one read of the order serves both.
    attributePlacedOrdersStep(
      transform({ input, orders }, ({ input, orders }) => {
        const placed = new Set(
          input.activities.filter((activity) => activity.type === "order_placed").map((activity) => activity.order_id)
        )
        return orders.filter((order) => placed.has(order.id)).map(toAttributionOrder)
      })
    )

    const orderActivityRecorded = createHook("orderActivityRecorded", {
      recorded,
      events,
    })
    return new WorkflowResponse(recorded, { hooks: [orderActivityRecorded] })
  }
)
