import { button, intro, productGrid } from "./blocks"
import { withLayout } from "./layout"
import type { StarterTemplate } from "./types"

export const newArrivals: StarterTemplate = {
  key: "new_arrivals",
  name: "New arrivals",
  description: "Shows the newest products, two to a row on desktop and one on phones.",
  transactional: false,
  subject: '{{ contact.first_name | default: "Hi" }}, see what\'s new at {{ store.name }}',
  preheader: "Fresh in: {% for product in products limit: 3 %}{{ product.title }}{% unless forloop.last %}, {% endunless %}{% endfor %}",
  mjml: withLayout(
    [
      intro(
        "Just arrived",
        'Hi {{ contact.first_name | default: "there" }}, here are the newest additions to {{ store.name }}. Take a look before they\'re gone.'
      ),
      productGrid(6),
      button("Shop all new arrivals", "{{ store.url }}"),
    ].join("\n")
  ),
}
