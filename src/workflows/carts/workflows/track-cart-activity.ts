import {
  createHook,
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  recordContactEventsStep,
  touchContactsStep,
  upsertContactsStep,
} from "../../contacts/steps"
import { loadCartsStep, trackCartsStep } from "../steps"
import { RecordContactEventInput, TrackCartInput } from "../../../types"
import { refreshChangedContacts } from "../../segments/refresh-changed-contacts"

export type TrackCartActivityInput = { cart_ids: string[] }

export const trackCartActivityWorkflowId = "track-cart-activity"

/**
 * Reads carts as they are now (not as an event described them) and records
 * the activity: the tracked cart for the abandoned-cart sweep, a timeline
 * event, and the contact's last-seen and last-cart times.
 */
export const trackCartActivityWorkflow = createWorkflow(
  trackCartActivityWorkflowId,
  (input: TrackCartActivityInput) => {
    const carts = loadCartsStep(input.cart_ids)

    const withEmail = transform({ carts }, ({ carts }) =>
      carts.filter((cart) => !!cart.email)
    )
    const upserts = transform({ withEmail }, ({ withEmail }) =>
      withEmail.map((cart) => ({
        email: cart.email!,
        customer_id: cart.customer_id ?? undefined,
      }))
    )
    const contacts = upsertContactsStep(upserts)

    const writes = transform(
      { carts, withEmail, contacts },
      ({ carts, withEmail, contacts }) => {
        const contactByCart = new Map(
          withEmail.map((cart, index) => [cart.id, contacts[index]?.contact.id])
        )
        const tracked: TrackCartInput[] = carts.map((cart) => ({
          cart_id: cart.id,
          email: cart.email,
          customer_id: cart.customer_id,
          contact_id: contactByCart.get(cart.id) ?? null,
          currency_code: cart.currency_code,
          item_count: cart.item_count,
          activity_at: cart.activity_at,
          completed: cart.completed,
        }))
        const active = carts.filter(
          (cart) => !cart.completed && contactByCart.get(cart.id)
        )
        const events: RecordContactEventInput[] = active.map((cart) => ({
          contact_id: contactByCart.get(cart.id)!,
          type: "cart_updated",
          idempotency_key: `cart_updated:${cart.id}:${new Date(cart.activity_at).getTime()}`,
          occurred_at: cart.activity_at,
          resource_type: "cart",
          resource_id: cart.id,
          data: {
            cart_id: cart.id,
            item_count: cart.item_count,
            currency_code: cart.currency_code,
          },
        }))
        const touches = active.map((cart) => ({
          contact_id: contactByCart.get(cart.id)!,
          last_seen_at: cart.activity_at,
          last_cart_at: cart.activity_at,
        }))
        return { tracked, events, touches }
      }
    )

    const tracked = trackCartsStep(writes.tracked)
    recordContactEventsStep({ events: writes.events })
    touchContactsStep(writes.touches)

    refreshChangedContacts(transform({ writes }, ({ writes }) => writes.touches.map((touch) => touch.contact_id)))

    const cartActivityTracked = createHook("cartActivityTracked", { tracked, carts })
    return new WorkflowResponse(tracked, { hooks: [cartActivityTracked] })
  }
)
