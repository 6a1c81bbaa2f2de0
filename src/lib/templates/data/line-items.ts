import type { TemplateLineItem } from "../../../types/template-data"
import { toNumber } from "../../money/to-number"
import { formatMoney, MoneyAmount } from "./format-money"
import { buildProductUrl } from "./storefront-urls"

/** A cart or order line item as Query returns it. */
export type SourceLineItem = {
  title?: string | null
  product_title?: string | null
  variant_title?: string | null
  thumbnail?: string | null
  quantity?: MoneyAmount
  unit_price?: MoneyAmount
  total?: MoneyAmount
  product_handle?: string | null
  product?: { handle?: string | null } | null
}

export type FormatOptions = {
  storefrontUrl?: string | null
  locale?: string
}

/** Line items with their prices formatted in the cart's or order's currency. */
export function toTemplateLineItems(
  items: (SourceLineItem | null | undefined)[] | null | undefined,
  currency: string,
  storefrontUrl?: string | null,
  locale?: string
): TemplateLineItem[] {
  return (items ?? [])
    .filter((item): item is SourceLineItem => !!item)
    .map((item) => {
      const quantity = toNumber(item.quantity)
      // `total` is only computed when it was asked for; without it the line
      // is still worth showing at unit price times quantity.
      const total =
        item.total === undefined || item.total === null
          ? toNumber(item.unit_price) * quantity
          : item.total
      return {
        title: item.title ?? item.product_title ?? "",
        variant_title: item.variant_title ?? null,
        thumbnail: item.thumbnail ?? null,
        quantity,
        unit_price: formatMoney(item.unit_price, currency, locale),
        total: formatMoney(total, currency, locale),
        url: buildProductUrl(storefrontUrl, item.product_handle ?? item.product?.handle),
      }
    })
}

/** Sum of the items' quantities: "3 items" for two shirts and a tote. */
export function countItems(items: TemplateLineItem[]): number {
  return items.reduce((sum, item) => sum + item.quantity, 0)
}
