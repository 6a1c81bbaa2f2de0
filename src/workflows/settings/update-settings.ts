import {
  createStep,
  createWorkflow,
  StepResponse,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
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

/**
 * A topic templates still send under cannot be removed: the preference page
 * would no longer offer it, so recipients could leave those emails only by
 * unsubscribing from everything. Reads only.
 */
export const validateTopicsInUseStep = createStep(
  "validate-topics-in-use",
  async (patch: MarketingSettingsPatch, { container }) => {
    if (!patch.topics) {
      return new StepResponse(true)
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const kept = new Set(patch.topics.map((topic) => topic.key))
    const removed = (await marketing.getSettings()).topics.map((topic) => topic.key).filter((key) => !kept.has(key))
    if (!removed.length) {
      return new StepResponse(true)
    }
    const templates = await marketing.listTemplates({ topic: removed }, { select: ["name", "topic"], order: { name: "ASC" } })
    if (templates.length) {
      const uses = removed
        .map((key) => [key, templates.filter((t) => t.topic === key).map((t) => `"${t.name}"`)] as const)
        .filter(([, names]) => names.length)
        .map(([key, names]) => `"${key}" by ${names.join(", ")}`)
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `topics: still used by templates (${uses.join("; ")}); give them another topic first`
      )
    }
    return new StepResponse(true)
  }
)

export const updateSettingsWorkflowId = "update-marketing-settings"

export const updateSettingsWorkflow = createWorkflow(
  updateSettingsWorkflowId,
  (patch: MarketingSettingsPatch) => {
    validateTopicsInUseStep(patch)
    return new WorkflowResponse(updateSettingsStep(patch))
  }
)
