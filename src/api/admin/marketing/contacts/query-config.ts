export const contactFields = [
  "id",
  "email",
  "customer_id",
  "first_name",
  "last_name",
  "phone",
  "locale",
  "timezone",
  "consent_status",
  "consent_source",
  "consent_at",
  "consent_ip",
  "consent_text",
  "suppressed_at",
  "suppression_reason",
  "currency_code",
  "orders_count",
  "total_spent",
  "average_order_value",
  "spent_by_currency",
  "first_order_at",
  "last_order_at",
  "last_seen_at",
  "last_cart_at",
  "product_ids",
  "category_ids",
  "erased_at",
  "created_at",
  "updated_at",
]

export const listContactsQueryConfig = {
  defaults: contactFields,
  isList: true,
}

export const retrieveContactQueryConfig = {
  defaults: contactFields,
  isList: false,
}
