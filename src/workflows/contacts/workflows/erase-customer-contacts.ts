import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  eraseContactsStep,
  findContactsByCustomerStep,
  recordContactEventsStep,
} from "../steps"

export type EraseCustomerContactsInput = { customer_ids: string[] }

export const eraseCustomerContactsWorkflowId = "erase-customer-contacts"

/**
 * When a customer is deleted, their contact is anonymised rather than
 * deleted: nothing identifies the person afterwards, while the store's
 * revenue and message statistics stay correct.
 */
export const eraseCustomerContactsWorkflow = createWorkflow(
  eraseCustomerContactsWorkflowId,
  (input: EraseCustomerContactsInput) => {
    const contactIds = findContactsByCustomerStep(input.customer_ids)
    const erased = eraseContactsStep(contactIds)
    const events = transform({ erased }, ({ erased }) =>
      erased.map((contactId) => ({
        contact_id: contactId,
        type: "erased",
        idempotency_key: `erased:${contactId}`,
      }))
    )
    recordContactEventsStep({ events })
    return new WorkflowResponse(erased)
  }
)
