/**
 * The data every email template can use. Prices are already formatted in
 * the currency of the cart or order (for example "€30.00"), so templates
 * never deal with minor units or locales. Every part except `contact`,
 * `store` and `links` is present only when the message is about it: test
 * it with `{% if cart %}` before use.
 */
export interface TemplateData {
  contact: TemplateContact
  /** The Medusa customer behind the contact, when the contact has an account. */
  customer?: TemplateCustomer | null
  store: TemplateStore
  cart?: TemplateCart | null
  order?: TemplateOrder | null
  /** Recommendations for this contact, in stock and priced for their region. */
  products?: TemplateProduct[]
  /** A discount a flow step made for this message. */
  discount?: TemplateDiscount | null
  links: TemplateLinks
  /** Anything a developer adds through the `templateDataAssembled` hook. */
  [extra: string]: unknown
}

export interface TemplateContact {
  email: string
  first_name: string | null
  last_name: string | null
  orders_count?: number
  /** Formatted in the store's default currency. */
  total_spent?: string
  last_order_at?: string | null
  /** The contact's scores when the message was queued. */
  scores?: TemplateContactScores
}

/** Scores as numbers (null until scored); RFM group keys as in segment rules, e.g. "champions". */
export interface TemplateContactScores {
  rfm_segment: string | null
  rfm_recency: number | null
  rfm_frequency: number | null
  rfm_monetary: number | null
  /** 0–100. */
  engagement: number | null
  lead: number | null
  /** 0–1. */
  churn_risk: number | null
  probability_alive: number | null
  predicted_orders_365: number | null
  /** In the contact's currency, major units. */
  predicted_value_365: number | null
  /** "YYYY-MM-DD". */
  next_order_expected_at: string | null
}

export interface TemplateCustomer {
  id: string
  first_name: string | null
  last_name: string | null
  has_account: boolean
}

export interface TemplateStore {
  name: string
  /** Absolute URL of the logo image; empty when the store has none. */
  logo_url: string
  /** The postal address every marketing email must carry, on one line. */
  address: string
  support_email: string
  /** The storefront's home page. */
  url: string
}

export interface TemplateLineItem {
  title: string
  variant_title: string | null
  thumbnail: string | null
  quantity: number
  unit_price: string
  total: string
  /** The product page on the storefront, when the product has a handle. */
  url?: string | null
}

export interface TemplateCart {
  id: string
  items: TemplateLineItem[]
  item_count: number
  subtotal: string
  total: string
  currency_code: string
  /** Opens the storefront with this cart restored. */
  recovery_url: string
}

export interface TemplateOrder {
  id: string
  /** The number shoppers see, e.g. "#1042". */
  number: string
  status: string
  items: TemplateLineItem[]
  subtotal: string
  shipping_total: string
  tax_total: string
  total: string
  currency_code: string
  placed_at: string
  url?: string | null
}

export interface TemplateProduct {
  id: string
  title: string
  thumbnail: string | null
  /** The lowest price of an in-stock variant, formatted. */
  price: string
  url: string
}

export interface TemplateDiscount {
  code: string
  /** Human form, e.g. "10%" or "€5.00". */
  value: string
  /** ISO date the code stops working, or null when it does not expire. */
  expires_at: string | null
}

export interface TemplateLinks {
  unsubscribe: string
  preferences: string
  view_in_browser: string
  /** Double opt-in confirmation, only in the confirmation email. */
  confirm?: string
}
