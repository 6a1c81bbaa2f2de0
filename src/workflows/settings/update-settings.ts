import {
  createStep,
  createWorkflow,
  StepResponse,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import { MarketingSettingsPatch, mergeSettings } from "../../modules/marketing/settings"

export const updateSettingsStepId = "update-marketing-settings"

/** Merges a patch into the stored settings; compensation stores the old ones again. */
export const updateSettingsStep = createStep(
  updateSettingsStepId,
  async (patch: MarketingSettingsPatch, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const current = await marketing.getSettings()
    const next = mergeSettings(current, patch)
    const previous = await marketing.saveSettings(next)
    return new StepResponse(next, { previous })
  },
  async (compensation, { container }) => {
    if (!compensation) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.saveSettings(compensation.previous)
  }
)

export const updateSettingsWorkflowId = "update-marketing-settings"

export const updateSettingsWorkflow = createWorkflow(
  updateSettingsWorkflowId,
  (patch: MarketingSettingsPatch) => new WorkflowResponse(updateSettingsStep(patch))
)
