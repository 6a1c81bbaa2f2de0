/** Data for previewing a template when no real contact is chosen. */
export const SAMPLE_TEMPLATE_DATA = {
  contact: { email: "ana@example.com", first_name: "Ana", last_name: "Lima" },
  store: {
    name: "Your store",
    logo_url: "",
    address: "Street 1, 10115 City",
    support_email: "support@example.com",
  },
  cart: {
    items: [
      { title: "Linen shirt", variant_title: "M / Sand", quantity: 2, unit_price: "€30.00", total: "€60.00", thumbnail: "" },
      { title: "Canvas tote", variant_title: "One size", quantity: 1, unit_price: "€18.00", total: "€18.00", thumbnail: "" },
    ],
    total: "€78.00",
    recovery_url: "https://shop.example.com/cart",
  },
  links: {
    unsubscribe: "https://shop.example.com/unsubscribe",
    preferences: "https://shop.example.com/preferences",
    view_in_browser: "https://shop.example.com/view",
  },
}
