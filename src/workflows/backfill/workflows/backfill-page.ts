import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { syncCustomerContactsWorkflow } from "../../contacts/workflows/sync-customer-contacts"
import { recordOrderActivityWorkflow } from "../../orders/workflows/record-order-activity"
import { BackfillPhase, readBackfillPageStep } from "../steps"

export type BackfillPageInput = {
  phase: BackfillPhase
  after_id: string | null
  limit: number
}

export const backfillPageWorkflowId = "backfill-page"

/**
 * Imports one page of existing customers or orders through the same
 * workflows the live subscribers use; idempotency keys make a page that is
 * imported twice (after a crash) change nothing the second time.
 */
export const backfillPageWorkflow = createWorkflow(
  backfillPageWorkflowId,
  (input: BackfillPageInput) => {
    const page = readBackfillPageStep(input)

    when({ input, page }, ({ input, page }) =>
      input.phase === "customers" && page.ids.length > 0
    ).then(() => {
      syncCustomerContactsWorkflow.runAsStep({
        input: transform({ page }, ({ page }) => ({
          customer_ids: page.ids,
          record_sign_up: true,
        })),
      })
    })

    when({ input, page }, ({ input, page }) =>
      input.phase === "orders" && page.ids.length > 0
    ).then(() => {
      recordOrderActivityWorkflow.runAsStep({
        input: transform({ page }, ({ page }) => ({
          activities: [
            ...page.ids.map((id) => ({ order_id: id, type: "order_placed" as const })),
            ...page.canceled_ids.map((id) => ({
              order_id: id,
              type: "order_canceled" as const,
            })),
          ],
        })),
      })
    })

    return new WorkflowResponse(page)
  }
)
