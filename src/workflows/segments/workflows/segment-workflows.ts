import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  createSegmentStep,
  deleteSegmentCustomerGroupStep,
  deleteSegmentStep,
  emitMembershipEventsStep,
  ensureSegmentCustomerGroupsStep,
  refreshContactsStep,
  RefreshContactsInput,
  refreshSegmentsStep,
  RefreshSegmentsInput,
  syncSegmentCustomerGroupsStep,
  updateSegmentStep,
  validateSegmentRulesStep,
} from "../steps"
import { announceContactsRefresh } from "../refresh-changed-contacts"

/**
 * Brings memberships up to date, announces who entered and left, and
 * reconciles the customer groups of segments that sync one. A run over the
 * whole population also creates a synced segment's group if it is missing.
 */
export const refreshSegmentsWorkflow = createWorkflow(
  "refresh-segments",
  (input: RefreshSegmentsInput) => {
    const changes = refreshSegmentsStep(input)
    when({ input }, ({ input }) => !input.contact_ids).then(() => {
      ensureSegmentCustomerGroupsStep(transform({ input }, ({ input }) => ({ segment_ids: input.segment_ids })))
    })
    syncSegmentCustomerGroupsStep(input)
    when({ changes }, ({ changes }) => changes.length > 0).then(() => {
      emitMembershipEventsStep(changes)
    })
    return new WorkflowResponse(changes)
  }
)

/**
 * A few contacts after an event: rescored, their segments re-checked in
 * memory, who entered and left announced, and the customer groups of the
 * synced segments they moved in brought along.
 */
export const refreshContactsWorkflow = createWorkflow("refresh-contacts", (input: RefreshContactsInput) => {
  const result = refreshContactsStep(input)
  announceContactsRefresh(
    transform({ input }, ({ input }) => input.contact_ids),
    result
  )
  return new WorkflowResponse(transform({ result }, ({ result }) => result.changes))
})

export type CreateSegmentWorkflowInput = {
  name: string
  description?: string | null
  rules: unknown
  sync_customer_group?: boolean
}

/** Creates a segment from validated rules and fills it at once. */
export const createSegmentWorkflow = createWorkflow(
  "create-segment",
  (input: CreateSegmentWorkflowInput) => {
    const rules = validateSegmentRulesStep({ rules: input.rules })
    const segment = createSegmentStep(
      transform({ input, rules }, ({ input, rules }) => ({ ...input, rules }))
    )
    refreshSegmentsWorkflow.runAsStep({
      input: transform({ segment }, ({ segment }) => ({ segment_ids: [segment.id] })),
    })
    return new WorkflowResponse(segment)
  }
)

export type UpdateSegmentWorkflowInput = {
  id: string
  name?: string
  description?: string | null
  rules?: unknown
  sync_customer_group?: boolean
}

/** Updates a segment; new rules are validated and the membership follows them at once. */
export const updateSegmentWorkflow = createWorkflow(
  "update-segment",
  (input: UpdateSegmentWorkflowInput) => {
    const rules = when({ input }, ({ input }) => input.rules !== undefined).then(() =>
      validateSegmentRulesStep(transform({ input }, ({ input }) => ({ segment_id: input.id, rules: input.rules })))
    )
    const segment = updateSegmentStep(
      transform({ input, rules }, ({ input, rules }) => {
        const { rules: _raw, ...rest } = input
        return rules ? { ...rest, rules } : rest
      })
    )
    refreshSegmentsWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({ segment_ids: [input.id] })),
    })
    return new WorkflowResponse(segment)
  }
)

/** Deletes a segment and the customer group it kept in sync. */
export const deleteSegmentWorkflow = createWorkflow("delete-segment", (input: { id: string }) => {
  const deleted = deleteSegmentStep(input.id)
  deleteSegmentCustomerGroupStep(
    transform({ deleted }, ({ deleted }) => ({ customer_group_id: deleted.customer_group_id }))
  )
  return new WorkflowResponse(transform({ deleted }, ({ deleted }) => deleted.id))
})
