import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { loadJobStateStep, saveJobStateStep } from "../../jobs/steps"
import { MarketingEvents } from "../../../types"
import { BACKFILL_JOB_KEY } from "../constants"

export const requestBackfillWorkflowId = "request-backfill"

/**
 * Marks the backfill as running and hands it to a worker through an event,
 * so an HTTP instance never runs a long import itself.
 */
export const requestBackfillWorkflow = createWorkflow(
  requestBackfillWorkflowId,
  () => {
    const state = loadJobStateStep(BACKFILL_JOB_KEY)
    const next = transform({ state }, ({ state }) => {
      const resumable =
        (state?.status === "failed" || state?.status === "running") && !!state?.cursor
      return {
        key: BACKFILL_JOB_KEY,
        status: "running" as const,
        cursor: resumable ? state!.cursor : { phase: "customers", after_id: null },
        progress: resumable ? state!.progress : { customers: 0, orders: 0 },
        error: null,
        started_at: resumable && state?.started_at ? state.started_at : new Date(),
        finished_at: null,
      }
    })
    const saved = saveJobStateStep(next)
    emitEventStep({ eventName: MarketingEvents.BACKFILL_REQUESTED, data: {} })
    return new WorkflowResponse(saved)
  }
)
