import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import MarketingModuleService from "../../../../modules/marketing/service"
import { MarketingSettingsPatch } from "../../../../modules/marketing/settings"
import { updateSettingsWorkflow } from "../../../../workflows/settings"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  res.json({ settings: await marketing.getSettings() })
}

/** Changes any part of the settings; sections not named keep their values. */
export const POST = async (req: AuthenticatedMedusaRequest<MarketingSettingsPatch>, res: MedusaResponse) => {
  const { result } = await updateSettingsWorkflow(req.scope).run({ input: req.validatedBody })
  res.json({ settings: result })
}
