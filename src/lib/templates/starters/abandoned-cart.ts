import { button, discountCode, intro, lineItems } from "./blocks"
import { withLayout } from "./layout"
import type { StarterTemplate } from "./types"

export const abandonedCart: StarterTemplate = {
  key: "abandoned_cart",
  name: "Abandoned cart",
  description: "Reminds a shopper of the items left in their cart, with a link that restores it.",
  transactional: false,
  subject: '{{ contact.first_name | default: "Hi" }}, you left something in your cart',
  preheader: "Your items are saved. Pick up where you left off.",
  mjml: withLayout(
    [
      intro(
        "Still thinking it over?",
        'Hi {{ contact.first_name | default: "there" }}, you left these in your cart. We saved them for you.'
      ),
      lineItems("cart.items", [["Total", "{{ cart.total }}"]]),
      button("Return to your cart", "{{ cart.recovery_url }}"),
      discountCode("Use this code at checkout:"),
    ].join("\n")
  ),
}
