import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import MarketingModule from "../modules/marketing"

/** `customer.marketing_contact` through Query: the inverse of contact-customer. */
export default defineLink(
  { linkable: CustomerModule.linkable.customer, field: "id" },
  {
    ...MarketingModule.linkable.contact.id,
    primaryKey: "customer_id",
  },
  { readOnly: true }
)
