import { button, formatDate, intro, lineItems, note, recommendations } from "./blocks"
import { withLayout } from "./layout"
import type { StarterTemplate } from "./types"

export const postPurchase: StarterTemplate = {
  key: "post_purchase",
  name: "Thank you for your order",
  description: "Thanks a customer after an order and recaps what they bought.",
  transactional: false,
  subject: 'Thanks for your order, {{ contact.first_name | default: "there" }}',
  preheader: "Order {{ order.number }} is in. Here's a summary.",
  mjml: withLayout(
    [
      intro(
        "Thank you for your order!",
        'Hi {{ contact.first_name | default: "there" }}, we\'re getting order <strong>{{ order.number }}</strong> ready. We\'ll let you know when it\'s on its way.',
        note(`Placed on ${formatDate("order.placed_at")}`)
      ),
      lineItems("order.items", [
        ["Subtotal", "{{ order.subtotal }}"],
        ["Shipping", "{{ order.shipping_total }}"],
        ["Tax", "{{ order.tax_total }}"],
        ["Total", "{{ order.total }}"],
      ]),
      "    <mj-raw>{% if order.url != blank -%}</mj-raw>",
      button("View your order", "{{ order.url }}"),
      "    <mj-raw>{% endif -%}</mj-raw>",
      recommendations(),
    ].join("\n")
  ),
}
