import type { TemplateData } from "../../types/template-data"

/**
 * Data for previewing a template when no real contact is chosen. Every part
 * of TemplateData is filled, so a preview shows each block a template has.
 * Fixed values only: the starter templates' golden tests render with it.
 */
export const SAMPLE_TEMPLATE_DATA: TemplateData = {
  contact: { email: "ana@example.com", first_name: "Ana", last_name: "Lima" },
  customer: { id: "cus_sample", first_name: "Ana", last_name: "Lima", has_account: true },
  store: {
    name: "Your store",
    logo_url: "",
    address: "Street 1, 10115 City",
    support_email: "support@example.com",
    url: "https://shop.example.com",
  },
  cart: {
    id: "cart_sample",
    items: [
      { title: "Linen shirt", variant_title: "M / Sand", quantity: 2, unit_price: "€30.00", total: "€60.00", thumbnail: "" },
      { title: "Canvas tote", variant_title: "One size", quantity: 1, unit_price: "€18.00", total: "€18.00", thumbnail: "" },
    ],
    item_count: 3,
    subtotal: "€78.00",
    total: "€78.00",
    currency_code: "eur",
    recovery_url: "https://shop.example.com/cart",
  },
  order: {
    id: "order_sample",
    number: "#1042",
    status: "completed",
    items: [
      {
        title: "Wool scarf",
        variant_title: "Charcoal",
        quantity: 1,
        unit_price: "€45.00",
        total: "€45.00",
        thumbnail: "https://shop.example.com/images/wool-scarf.jpg",
        url: "https://shop.example.com/products/wool-scarf",
      },
      {
        title: "Ceramic mug",
        variant_title: null,
        quantity: 2,
        unit_price: "€12.00",
        total: "€24.00",
        thumbnail: "https://shop.example.com/images/ceramic-mug.jpg",
        url: "https://shop.example.com/products/ceramic-mug",
      },
    ],
    subtotal: "€69.00",
    shipping_total: "€4.90",
    tax_total: "€13.11",
    total: "€73.90",
    currency_code: "eur",
    placed_at: "2025-03-14T10:30:00.000Z",
    url: "https://shop.example.com/account/orders/order_sample",
  },
  products: [
    {
      id: "prod_sample_1",
      title: "Linen trousers",
      thumbnail: "https://shop.example.com/images/linen-trousers.jpg",
      price: "€55.00",
      url: "https://shop.example.com/products/linen-trousers",
    },
    {
      id: "prod_sample_2",
      title: "Straw hat",
      thumbnail: "https://shop.example.com/images/straw-hat.jpg",
      price: "€32.00",
      url: "https://shop.example.com/products/straw-hat",
    },
    {
      id: "prod_sample_3",
      title: "Leather sandals",
      thumbnail: "https://shop.example.com/images/leather-sandals.jpg",
      price: "€79.00",
      url: "https://shop.example.com/products/leather-sandals",
    },
  ],
  discount: { code: "WELCOME10", value: "10%", expires_at: "2030-01-31" },
  links: {
    unsubscribe: "https://shop.example.com/unsubscribe",
    preferences: "https://shop.example.com/preferences",
    view_in_browser: "https://shop.example.com/view",
    confirm: "https://shop.example.com/confirm",
  },
}
