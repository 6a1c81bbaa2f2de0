import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

export const marketingService = (container: { resolve: (key: string) => unknown }) =>
  container.resolve(MARKETING_MODULE) as MarketingModuleService
