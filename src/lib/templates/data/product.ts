import type { TemplateProduct } from "../../../types/template-data"
import { formatMoney, MoneyAmount } from "./format-money"
import { buildProductUrl } from "./storefront-urls"

export type SourceProduct = {
  id: string
  title: string
  handle?: string | null
  thumbnail?: string | null
}

/** A recommended product at the price given, with its storefront page. */
export function toTemplateProduct(
  product: SourceProduct,
  price: MoneyAmount,
  currency: string,
  storefrontUrl?: string | null,
  locale?: string
): TemplateProduct {
  return {
    id: product.id,
    title: product.title,
    thumbnail: product.thumbnail ?? null,
    price: formatMoney(price, currency, locale),
    url: buildProductUrl(storefrontUrl, product.handle) ?? "",
  }
}
