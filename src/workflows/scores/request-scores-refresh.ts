import { MedusaError } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { loadJobStateStep, saveJobStateStep } from "../jobs/steps"
import { SCORES_JOB_KEY } from "./score-contacts"

/** `{}`: an admin asked for every contact's scores to be recomputed now. */
export const SCORES_REFRESH_REQUESTED = "marketing.scores_refresh_requested"

/*
 * A refresh that started this recently and is still marked running is taken
 * to be running; an older mark is a refresh that died with its process, and
 * must not block the button for ever.
 */
const RUNNING_FOR_AT_MOST_MS = 2 * 60 * 60 * 1000

type JobStateRow = { status?: string; started_at?: Date | string | null } | null

/** A 409 while a refresh is running; otherwise the time the new one starts. Reads only. */
export const assertScoresIdleStep = createStep(
  "assert-scores-idle",
  async (state: JobStateRow) => {
    const now = Date.now()
    const startedAt = state?.started_at ? new Date(state.started_at).getTime() : 0
    if (state?.status === "running" && now - startedAt < RUNNING_FOR_AT_MOST_MS) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Scores are already being refreshed (started ${new Date(startedAt).toISOString()})`
      )
    }
    return new StepResponse(new Date(now).toISOString())
  }
)

/**
 * Marks the scores refresh as running and hands it to a subscriber through
 * an event, so the admin's request returns at once however many contacts
 * there are.
 */
export const requestScoresRefreshWorkflow = createWorkflow("request-scores-refresh", () => {
  const state = loadJobStateStep(SCORES_JOB_KEY)
  const now = assertScoresIdleStep(state as unknown as JobStateRow)
  const saved = saveJobStateStep(
    transform({ now }, ({ now }) => ({
      key: SCORES_JOB_KEY,
      status: "running" as const,
      started_at: new Date(now),
      error: null,
    }))
  )
  emitEventStep({ eventName: SCORES_REFRESH_REQUESTED, data: {} })
  return new WorkflowResponse(saved)
})
