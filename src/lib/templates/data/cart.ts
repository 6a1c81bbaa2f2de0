import type { TemplateCart } from "../../../types/template-data"
import { formatMoney, MoneyAmount } from "./format-money"
import { countItems, FormatOptions, SourceLineItem, toTemplateLineItems } from "./line-items"
import { buildCartRecoveryUrl } from "./storefront-urls"

/** A cart as Query returns it, with the fields the template shows. */
export type SourceCart = {
  id: string
  currency_code: string
  items?: (SourceLineItem | null)[] | null
  item_subtotal?: MoneyAmount
  subtotal?: MoneyAmount
  total?: MoneyAmount
}

/**
 * The cart as templates see it, prices in the cart's currency. Medusa's
 * `subtotal` includes shipping; the email's subtotal is the items', as on a
 * receipt, so `item_subtotal` wins when it was read.
 */
export function toTemplateCart(cart: SourceCart, options: FormatOptions = {}): TemplateCart {
  const currency = cart.currency_code.toLowerCase()
  const items = toTemplateLineItems(cart.items, currency, options.storefrontUrl, options.locale)
  return {
    id: cart.id,
    items,
    item_count: countItems(items),
    subtotal: formatMoney(cart.item_subtotal ?? cart.subtotal, currency, options.locale),
    total: formatMoney(cart.total, currency, options.locale),
    currency_code: currency,
    recovery_url: buildCartRecoveryUrl(options.storefrontUrl, cart.id),
  }
}
