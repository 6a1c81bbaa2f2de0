import type { TemplateDiscount } from "../../../types/template-data"
import { formatMoney } from "./format-money"

export type DiscountInput = {
  code: string
  type: "percentage" | "fixed"
  /** Percent off (10 is 10%), or an amount off in major units of `currency_code`. */
  value: number
  /** Required for a fixed amount. */
  currency_code?: string | null
  expires_at?: string | Date | null
}

/**
 * A discount code as templates show it.
 *
 * @example
 * toTemplateDiscount({ code: "SAVE5", type: "fixed", value: 5, currency_code: "eur" })
 * // { code: "SAVE5", value: "€5.00", expires_at: null }
 */
export function toTemplateDiscount(discount: DiscountInput, locale?: string): TemplateDiscount {
  let value: string
  if (discount.type === "percentage") {
    value = `${Number(discount.value)}%`
  } else {
    if (!discount.currency_code) {
      throw new TypeError(`Discount ${discount.code} is a fixed amount and needs a currency_code`)
    }
    value = formatMoney(discount.value, discount.currency_code, locale)
  }
  return {
    code: discount.code,
    value,
    expires_at: discount.expires_at ? new Date(discount.expires_at).toISOString() : null,
  }
}
