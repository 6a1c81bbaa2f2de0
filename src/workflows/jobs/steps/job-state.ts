import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

export type JobStateInput = {
  key: string
  status?: "idle" | "running" | "completed" | "failed"
  cursor?: Record<string, unknown> | null
  progress?: Record<string, unknown> | null
  error?: string | null
  started_at?: Date | null
  finished_at?: Date | null
}

export const loadJobStateStepId = "load-job-state"

export const loadJobStateStep = createStep(
  loadJobStateStepId,
  async (key: string, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const [state] = await marketing.listJobStates({ key }, { take: 1 })
    return new StepResponse(state ?? null)
  }
)

export const saveJobStateStepId = "save-job-state"

/** Persists a job's progress; compensation puts the previous state back. */
export const saveJobStateStep = createStep(
  saveJobStateStepId,
  async (input: JobStateInput, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const saved = await marketing.saveJobState(input)
    return new StepResponse(saved.state, saved)
  },
  async (saved, { container }) => {
    if (!saved) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    if (saved.previous) {
      await marketing.updateJobStates(saved.previous)
    } else {
      await marketing.deleteJobStates(saved.state.id)
    }
  }
)
