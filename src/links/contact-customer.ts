import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import MarketingModule from "../modules/marketing"

/**
 * `contact.customer` through Query. Read-only: the contact stores
 * `customer_id`, so there is no link table to keep in sync and nothing to
 * migrate when a guest contact later becomes a customer.
 */
export default defineLink(
  { linkable: MarketingModule.linkable.contact, field: "customer_id" },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
