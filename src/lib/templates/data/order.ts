import type { TemplateOrder } from "../../../types/template-data"
import { formatMoney, MoneyAmount } from "./format-money"
import { FormatOptions, SourceLineItem, toTemplateLineItems } from "./line-items"
import { buildOrderUrl } from "./storefront-urls"

/** An order as Query returns it, with the fields the template shows. */
export type SourceOrder = {
  id: string
  display_id?: number | string | null
  status?: string | null
  currency_code: string
  items?: (SourceLineItem | null)[] | null
  item_subtotal?: MoneyAmount
  subtotal?: MoneyAmount
  shipping_total?: MoneyAmount
  tax_total?: MoneyAmount
  total?: MoneyAmount
  created_at: string | Date
}

/**
 * The order as templates see it: the number shoppers know ("#1042"), and
 * totals in the order's currency, the subtotal being the items' alone as
 * on the order confirmation.
 */
export function toTemplateOrder(order: SourceOrder, options: FormatOptions = {}): TemplateOrder {
  const currency = order.currency_code.toLowerCase()
  const money = (amount: MoneyAmount) => formatMoney(amount, currency, options.locale)
  return {
    id: order.id,
    number:
      order.display_id === null || order.display_id === undefined
        ? order.id
        : `#${order.display_id}`,
    status: order.status ?? "pending",
    items: toTemplateLineItems(order.items, currency, options.storefrontUrl, options.locale),
    subtotal: money(order.item_subtotal ?? order.subtotal),
    shipping_total: money(order.shipping_total),
    tax_total: money(order.tax_total),
    total: money(order.total),
    currency_code: currency,
    placed_at: new Date(order.created_at).toISOString(),
    url: buildOrderUrl(options.storefrontUrl, order.id),
  }
}
