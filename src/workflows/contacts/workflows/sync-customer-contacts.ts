import {
  createHook,
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  loadCustomersStep,
  recordContactEventsStep,
  touchContactsStep,
  upsertContactsStep,
} from "../steps"
import { refreshChangedContacts } from "../../segments/refresh-changed-contacts"

export type SyncCustomerContactsInput = {
  customer_ids: string[]
  /** Record `signed_up` for customers with an account (sign-up, backfill). */
  record_sign_up?: boolean
}

export const syncCustomerContactsWorkflowId = "sync-customer-contacts"

/**
 * Keeps one contact per customer: creates it on sign-up, follows name and
 * email changes, and joins a guest subscriber's contact when the customer
 * registers with the same email.
 */
export const syncCustomerContactsWorkflow = createWorkflow(
  syncCustomerContactsWorkflowId,
  (input: SyncCustomerContactsInput) => {
    const customers = loadCustomersStep(input.customer_ids)

    const upserts = transform({ customers }, ({ customers }) =>
      customers
        .filter((customer) => !!customer.email)
        .map((customer) => ({
          email: customer.email!,
          customer_id: customer.id,
          first_name: customer.first_name,
          last_name: customer.last_name,
          phone: customer.phone,
        }))
    )
    const results = upsertContactsStep(upserts)

    const events = transform(
      { customers, results, input },
      ({ customers, results, input }) => {
        if (!input.record_sign_up) {
          return []
        }
        const byCustomer = new Map(
          results.map((result) => [result.contact.customer_id, result.contact.id])
        )
        return customers
          .filter((customer) => customer.has_account && byCustomer.has(customer.id))
          .map((customer) => ({
            contact_id: byCustomer.get(customer.id)!,
            type: "signed_up",
            idempotency_key: `signed_up:${customer.id}`,
            occurred_at: customer.created_at,
            resource_type: "customer",
            resource_id: customer.id,
          }))
      }
    )
    recordContactEventsStep({ events })
    // Signing up is storefront activity.
    touchContactsStep(
      transform({ events }, ({ events }) =>
        events.map((event) => ({
          contact_id: event.contact_id,
          last_seen_at: event.occurred_at,
        }))
      )
    )

    refreshChangedContacts(transform({ results }, ({ results }) => results.map((result) => result.contact.id)))

    const contactsSynced = createHook("contactsSynced", { results, customers })
    return new WorkflowResponse(results, { hooks: [contactsSynced] })
  }
)
