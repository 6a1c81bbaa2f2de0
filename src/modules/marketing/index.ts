import { Module } from "@medusajs/framework/utils"
import MarketingModuleService from "./service"
import validateOptionsLoader from "./loaders/validate-options"

export const MARKETING_MODULE = "marketing"

export default Module(MARKETING_MODULE, {
  service: MarketingModuleService,
  loaders: [validateOptionsLoader],
})

export * from "./options"
