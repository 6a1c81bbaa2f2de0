import {
  createHook,
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  recordContactEventsStep,
  upsertContactsStep,
} from "../../contacts/steps"
import {
  listAbandonmentCandidatesStep,
  loadCartsStep,
  settleTrackedCartsStep,
} from "../steps"
import { decideAbandonment } from "../../../lib/carts/abandonment"
import {
  CartAbandonedEventData,
  MarketingEvents,
  RecordContactEventInput,
  SettleTrackedCartInput,
} from "../../../types"
import { refreshChangedContacts } from "../../segments/refresh-changed-contacts"

export type DetectAbandonedCartsInput = {
  /** Latest activity that counts as idle long enough. */
  cutoff: Date | string
  /** Oldest activity still worth reporting. */
  floor: Date | string
  limit: number
}

export const detectAbandonedCartsWorkflowId = "detect-abandoned-carts"

/**
 * Settles one batch of idle carts: each candidate is re-read from the cart
 * module, so a purchase or new activity the plugin never heard about still
 * counts, and every candidate leaves the queue. Carts reported abandoned get
 * a `cart_abandoned` timeline event and a `marketing.cart_abandoned` event.
 */
export const detectAbandonedCartsWorkflow = createWorkflow(
  detectAbandonedCartsWorkflowId,
  (input: DetectAbandonedCartsInput) => {
    const candidates = listAbandonmentCandidatesStep(
      transform({ input }, ({ input }) => ({
        cutoff: new Date(input.cutoff),
        limit: input.limit,
      }))
    )
    const cartIds = transform({ candidates }, ({ candidates }) =>
      candidates.map((candidate) => candidate.cart_id)
    )
    const carts = loadCartsStep(cartIds)

    const decisions = transform(
      { input, candidates, carts },
      ({ input, candidates, carts }) => {
        const cartById = new Map(carts.map((cart) => [cart.id, cart]))
        return candidates.map((candidate) => {
          const cart = cartById.get(candidate.cart_id)
          const decision = decideAbandonment(
            candidate,
            cart,
            new Date(input.cutoff),
            new Date(input.floor)
          )
          return {
            candidate,
            cart,
            settlement: {
              id: candidate.id,
              status: decision.status,
              activity_at: decision.activity_at,
              expected_activity_at: candidate.last_activity_at,
              item_count: cart?.item_count ?? null,
              email: cart?.email ?? null,
            } as SettleTrackedCartInput,
          }
        })
      }
    )

    const upserts = transform({ decisions }, ({ decisions }) =>
      decisions
        .filter((d) => d.settlement.status === "abandoned")
        .map((d) => ({
          email: d.cart!.email!,
          customer_id: d.cart!.customer_id ?? undefined,
        }))
    )
    const contacts = upsertContactsStep(upserts)

    const settlements = transform(
      { decisions, contacts },
      ({ decisions, contacts }) => {
        const abandoned = decisions.filter(
          (d) => d.settlement.status === "abandoned"
        )
        const contactByTracked = new Map(
          abandoned.map((d, index) => [d.candidate.id, contacts[index]?.contact.id])
        )
        return decisions.map((d) => ({
          ...d.settlement,
          contact_id: contactByTracked.get(d.candidate.id) ?? null,
        }))
      }
    )
    const settled = settleTrackedCartsStep(settlements)

    const reported = transform({ settled }, ({ settled }) => {
      const abandoned = settled.filter((row) => row.status === "abandoned")
      const events: RecordContactEventInput[] = abandoned
        .filter((row) => row.contact_id)
        .map((row) => ({
          contact_id: row.contact_id!,
          type: "cart_abandoned",
          idempotency_key: `cart_abandoned:${row.cart_id}:${new Date(row.last_activity_at).getTime()}`,
          occurred_at: new Date(),
          resource_type: "cart",
          resource_id: row.cart_id,
          data: {
            cart_id: row.cart_id,
            item_count: row.item_count,
            currency_code: row.currency_code,
            activity_at: new Date(row.last_activity_at).toISOString(),
          },
        }))
      const messages: CartAbandonedEventData[] = abandoned.map((row) => ({
        id: row.cart_id,
        cart_id: row.cart_id,
        contact_id: row.contact_id,
        email: row.email,
        activity_at: new Date(row.last_activity_at).toISOString(),
      }))
      return { events, messages }
    })
    recordContactEventsStep({ events: reported.events })
    emitEventStep({
      eventName: MarketingEvents.CART_ABANDONED,
      data: reported.messages,
    })

    refreshChangedContacts(transform({ reported }, ({ reported }) => reported.messages.map((m) => m.contact_id)))

    const cartsAbandoned = createHook("cartsAbandoned", {
      abandoned: reported.messages,
    })
    return new WorkflowResponse(
      {
        examined: transform({ candidates }, ({ candidates }) => candidates.length),
        abandoned: transform({ reported }, ({ reported }) => reported.messages),
      },
      { hooks: [cartsAbandoned] }
    )
  }
)
