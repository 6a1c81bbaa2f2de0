import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

export const findContactsByCustomerStepId = "find-contacts-by-customer"

export const findContactsByCustomerStep = createStep(
  findContactsByCustomerStepId,
  async (customerIds: string[], { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    if (!customerIds.length) {
      return new StepResponse([] as string[])
    }
    const contacts = await marketing.listContacts(
      { customer_id: customerIds },
      { select: ["id"] }
    )
    return new StepResponse(contacts.map((contact) => contact.id))
  }
)
